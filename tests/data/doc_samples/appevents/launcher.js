// Not a doc sample: the page the command line opens so that the app.js of --project launches
// (a doc sample that is an app.js is not a page); its methods trigger the app events.
Page({
    noop() {},
    boom() {
        throw new Error('boom');
    },
    missing() {
        swan.navigateTo({ url: '/no/such/page' });
    }
});
