swan.addEventOnCalendar({
    url: 'baiduboxapp://swan/sc9Tq1iKawTnj5GhG6i77vzeIt4Crt5u',
    location: 'string',
    remindMinutesBefore: 15,
    endTime: 1575028471000,
    startTime: 1575017471000,
    title: 'string',
    success: res => {
        console.log('添加活动成功', res)
    },
    fail: err => {
        console.log('添加活动失败', err)
    }
})
