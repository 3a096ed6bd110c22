/* globals App */
App({
    onLaunch(event) {
        // console.log('onLaunch');
    },

    onShow(event) {
        // console.log('onShow');
    },

    globalData: {
        userInfo: 'user'
    }
});
