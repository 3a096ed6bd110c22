swan.deleteEventOnCalendar({
    eventId: 'xxx', // 仅为示例，实际调用时请填写真实id
    success: res => {
        console.log('删除活动成功', res)
    },
    fail: err => {
        console.log('删除活动失败', err)
    }
})
