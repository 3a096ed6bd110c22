    swan.removeStorage({
        key: 'xxx',
        success: res => {
            console.log('removeStorage success', res);
        },
        fail: err => {
            console.log('removeStorage fail', err);
        }
    });
   
