Page({
    setBackgroundColor() {
        swan.setBackgroundColor({
            backgroundColorTop: '#FFC0CB',
            success: function () {
                console.log('setBackgroundColor success');
            },
            fail: function (err) {
                console.log('setBackgroundColor fail', err);
            }
        });
    }
});
