page({
    chooseInvoiceTitle() {
        swan.chooseInvoiceTitle({
            success: res => {
                console.log('chooseInvoiceTitle success', res);
            },
            fail: err => {
                console.log('chooseInvoiceTitle fail', err);
            }
        });
    }
});
