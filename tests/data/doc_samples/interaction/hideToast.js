showToast() {
    swan.showToast({
        title: 'toast',
        icon: 'none'
    });
},
hideToast() {
    swan.hideToast();
}
