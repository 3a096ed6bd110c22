Page({
    data: {
        tabs: [
            {name: 'movie', label: '电影'},
            {name: 'food', label: '美食'},
            {name: 'sports', label: '体育'}
        ]
    },

    onLoad(query) {
        swan.setURLQuery({channel: 'movie'});
    },

    onURLQueryChange({newURLQuery, oldURLQuery}) {
        console.log(newURLQuery, oldURLQuery);
    }
});

