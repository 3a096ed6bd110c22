Page({
    onLocationChange() {
        const noop = res => {
            console.log('location change', res);
        };
        swan.onLocationChange(noop);
    }
})
