    swan.showFavoriteGuide({
        type: 'bar',
        content:'关注小程序'
    })
