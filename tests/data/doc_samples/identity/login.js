Page({
    data: { },
    login() {
        swan.login({
            success: res => {
                console.log('login success', res) // {code: "e4a13af4e6d8c491b701a86682a5bc76NW"}
            },
            fail: err => {
                console.log('login fail', err);
            }
        });
    }
});
