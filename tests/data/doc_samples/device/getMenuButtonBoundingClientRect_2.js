Page({
    data: {
            statusHeight: 0,  //状态栏高度
            navHeight: 0      //导航栏高度
        },
    / 
     * 获取状态栏|导航栏高度,
     */
    onLoad (){
        let capsule = swan.getMenuButtonBoundingClientRect() ; //胶囊信息
        console.log(capsule)
        let that = this;
        swan.getSystemInfo({
            success(res) {
                console.log(capsule.height + (capsule.top - res.statusBarHeight) * 2)
                that.setData({
                    statusHeight: res.statusBarHeight,
                    navHeight: capsule.height + (capsule.top - res.statusBarHeight) * 2 // 与res.navigationBarHeight相同
                })
            }
        })
      
    }
});

