module.exports = { sign: '¥' };
