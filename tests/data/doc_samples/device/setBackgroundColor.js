Page({
    setBackgroundColor() {
        swan.setBackgroundColor({
            backgroundColor: '#000000',
            success: function () {
                console.log('setBackgroundColor success');
            },
            fail: function (err) {
                console.log('setBackgroundColor fail', err);
            }
        });
    }
});
