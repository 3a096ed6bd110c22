Page({
    addPhoneContact() {
        swan.addPhoneContact({
            firstName: 'white',
            middleName: '',
            photoFilePath: '',
            nickName: '',
            lastName: '',
            middleName: '',
            remark: '',
            mobilePhoneNumber: '',
            weChatNumber: '',
            addressCountry: '',
            addressState: '',
            addressCity: '',
            addressStreet: '',
            addressPostalCode: '',
            organization: '',
            title: '',
            workFaxNumber: '',
            workPhoneNumber: '',
            hostNumber: '',
            email: '',
            url: '',
            workAddressCountry: '',
            workAddressState: '',
            workAddressCity: '',
            workAddressStreet: '',
            workAddressPostalCode: '',
            homeFaxNumber: '',
            homePhoneNumber: '',
            homeAddressCountry: '',
            homeAddressState: '',
            homeAddressCity: '',
            homeAddressStreet: '',
            homeAddressPostalCode: '',
            success: res => {
                console.log('vibrateLong success', res);
            },
            fail: err => {
                console.log('vibrateLong fail', err);
            }
        });
    }
});
