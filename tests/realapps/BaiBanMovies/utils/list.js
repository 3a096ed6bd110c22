module.exports=[{
        "color": "rgb(35, 132, 232)",
        "title": "电影",
        "subTitle": "影院热映"
    },
    {
        "color": "rgb(230, 70, 126)",
        "title": "同城",
        "subTitle": "周末活动"
    },
    {
        "color": "rgb(159, 120, 96)",
        "title": "阅读",
        "subTitle": "电子书"
    },
    {
        "color": "rgb(225, 100, 77)",
        "title": "广播",
        "subTitle": "友邻动态"
    },
    {
        "color": "rgb(122, 106, 219)",
        "title": "电视",
        "subTitle": "正在热播"
    },
    {
        "color": "rgb(42, 184, 204)",
        "title": "小组",
        "subTitle": "志趣相投"
    },
    {
        "color": "rgb(87, 116, 197)",
        "title": "游戏",
        "subTitle": "虚拟世界"
    },
    {
        "color": "rgb(64, 207, 169)",
        "title": "FM",
        "subTitle": "红心歌单"
    },
    {
        "color": "rgb(159, 120, 96)",
        "title": "图书",
        "subTitle": "畅销排行"
    },
    {
        "color": "rgb(244, 143, 46)",
        "title": "音乐",
        "subTitle": "新碟榜"
    },
    {
        "color": "rgb(89, 108, 221)",
        "title": "应用",
        "subTitle": "玩手机"
    },
    {
        "color": "rgb(66, 189, 86)",
        "title": "豆品",
        "subTitle": "生活美学"
    }
]