swan.subscribeService({
    templateId: 'BD0003',
    subscribeId: '8026',
    type: 'query',
    success(res) {
        swan.showModal({
            title: 'success',
            content: JSON.stringify(res)
        });
    },
    fail(err) {
        swan.showModal({
            title: 'fail',
            content: JSON.stringify(err)
        });
    }
})
