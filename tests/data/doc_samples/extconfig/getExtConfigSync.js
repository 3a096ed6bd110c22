try {
    let extData = swan.getExtConfigSync();
    swan.showToast({
        title: JSON.stringify(extData),
        icon: 'none'
    });
} catch (err) {
    console.log('getExtConfigSync fail', err);
}

