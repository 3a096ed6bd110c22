Page({
    setBackgroundColor() {
        swan.setBackgroundColor({
            backgroundColorBottom: '#7B68EE',
            success: function () {
                console.log('setBackgroundColor success');
            },
            fail: function (err) {
                console.log('setBackgroundColor fail', err);
            }
        });
    }
});
