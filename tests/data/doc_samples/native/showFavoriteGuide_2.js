swan.showFavoriteGuide({
    type: 'tip',
    content: '关注小程序，下次使用更便捷。'
})
