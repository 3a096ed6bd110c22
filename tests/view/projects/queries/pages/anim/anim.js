Page({
  data: { animationData: {} },
  // The docs' sample (api/show/createanimation_swan-createAnimation.md), unchanged.
  startToAnimate() {
    const animation = swan.createAnimation();
    animation.rotate(90).translateY(10).step();
    animation.rotate(-90).translateY(-10).step();
    this.setData({
      animationData: animation.export()
    });
  },
  styles() {
    const animation = swan.createAnimation({ transformOrigin: '50% 50%', duration: 1000, timingFunction: 'ease', delay: 0 });
    animation.opacity(0.5).backgroundColor('#DC143C').width(20).height('70px').top(40).left('90px').bottom(60).right(80);
    animation.scale(2).skew(10, 20).matrix(1, 0, 0, 1, 5, 6).step({ duration: 200, delay: 50 });
    const first = animation.export();
    animation.translate(-100, -100).rotateZ(180).step();
    return { first, second: animation.export(), chained: animation.step() === animation };
  },
  defaults() {
    const a = swan.createAnimation();
    a.rotate3d().scale3d(2).translate3d(1).skewX().scaleY(3).matrix3d().step();
    return a.export();
  }
});
