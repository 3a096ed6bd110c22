
function getMonthsDay(month) {
    return 0;
}

export{
    getMonthsDay as getMonthsDay,
}