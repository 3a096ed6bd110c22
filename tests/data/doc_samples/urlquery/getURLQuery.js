Page({
    onLoad(query) {
        if(query.channel) {
            const newURLQuery = swan.getURLQuery()
            console.log(newURLQuery)
        }
    }
})
