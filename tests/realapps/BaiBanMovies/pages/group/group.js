Page({
    data: {
        
    },

    onLoad(event) {
        
    }
    
})
