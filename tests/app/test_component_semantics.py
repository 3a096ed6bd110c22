"""Custom components as the swan client runs them: initial property values, property observers
and `observers` (when they run, which paths they see), behaviors (data merged, each reached
once), property types, detaching a mounted component and its pageLifetimes, the app a mounted
component lives in; and what setData refuses outright.

Each test writes its own small project (`write_project`): app.json with one page, the page, and
the components and behaviors the test needs, so the rule it shows is on the same screen.
Where the swan docs are silent the rule chosen is in docs/harness.md, "Components and
navigation"; each docstring names its source.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bridge import ScriptError, SwanRuntime

INDEX = "pages/index/index"

PAGE_JS = """
Page({
    data: {label: 'index', n: 0},
    setSymbol() { this.setData({n: 1, s: Symbol('x')}); },
    setDeep(levels) {
        const root = {};
        let node = root;
        for (let i = 1; i < levels; i++) { node.x = {}; node = node.x; }
        this.setData({n: 2, deep: root});
    }
});
"""

APP_JS = "App({globalData: {name: 'shop', log: []}, onHide() { this.globalData.log.push('App.onHide'); }, " \
         "onShow() { this.globalData.log.push('App.onShow'); }});"


def write_project(root: Path, files: dict[str, str]) -> Path:
    """A project with app.js, one page (`pages/index/index`) and `files` (path -> source)."""
    sources = {"app.json": json.dumps({"pages": [INDEX]}), "app.js": APP_JS, f"{INDEX}.js": PAGE_JS, **files}
    for name, text in sources.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path, make_runtime: Callable[..., SwanRuntime]) -> Callable[[dict[str, str]], SwanRuntime]:
    """Makes a runtime (virtual clock) over a project of these files; closed after the test."""
    return lambda files: make_runtime(project=write_project(tmp_path, files), clock="virtual")


def warnings(rt: SwanRuntime) -> list[str]:
    return [m.text for m in rt.console if m.level == "warn"]


def hooks(rt: SwanRuntime, since: int = 0) -> list[tuple[str, str, str]]:
    return [(e["target"], e["route"], e["hook"]) for e in rt.log[since:] if e.kind == "lifecycle"]


# A component whose property observer and `observers` write down every call they get.
COUNTER = "components/counter/counter"
COUNTER_JS = """
Component({
    properties: {
        n: {type: Number, value: 1, observer(newVal, oldVal) { this.setData({seen: this.data.seen.concat([[newVal, oldVal]])}); }},
        obj: {type: Object, value: {a: 1}, observer(newVal, oldVal) { this.setData({objSeen: this.data.objSeen.concat([[newVal, oldVal]])}); }},
        label: {type: String, value: 'x'}
    },
    data: {seen: [], objSeen: [], watched: [], total: 0},
    observers: {
        'n, label': function (n, label) { this.setData({watched: this.data.watched.concat([[n, label]])}); }
    },
    methods: {
        set(payload) { this.setData(payload); return this.data.watched.length; },
        setTwice() {
            this.setData({n: 2});
            this.setData({n: 3});
            this.setData({label: 'y'});
            return this.data.watched.length;
        }
    }
});
"""


class TestInitialProperties:
    def test_an_initial_value_that_differs_from_the_default_runs_its_observer(self, project: Callable[..., SwanRuntime]) -> None:
        """swan changelog 1.11.25: "自定义组件第一次不触发observer" fixed; the observer gets
        (new value, old value), the old one being the default (WeChat: (5, 1))."""
        rt = project({f"{COUNTER}.js": COUNTER_JS})
        assert rt.mount_component(COUNTER, properties={"n": 5}).data["seen"] == [[5, 1]]
        assert rt.mount_component(COUNTER, properties={"n": 1}).data["seen"] == []  # the default: no change
        assert rt.mount_component(COUNTER).data["seen"] == []
        assert rt.errors == []

    def test_observers_on_an_initial_property_run_once_at_creation(self, project: Callable[..., SwanRuntime]) -> None:
        """`observers` watch properties like `observer` does (swan docs,
        custom-component_observers.md); a parent's initial values run them once, as WeChat and
        its copies do ("父组件初始化时给子组件的被监听的属性赋值，也会触发监听回调")."""
        rt = project({f"{COUNTER}.js": COUNTER_JS})
        assert rt.mount_component(COUNTER, properties={"n": 5, "label": "z"}).data["watched"] == [[5, "z"]]
        assert rt.mount_component(COUNTER, properties={"n": 1, "label": "x"}).data["watched"] == []


class TestPropertyObserver:
    def test_the_components_own_set_data_runs_the_propertys_observer(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_comp.md: `observer` runs "when the property's value is
        changed"; a change the component makes itself goes through the same path as its
        parent's, and only a real change counts."""
        rt = project({f"{COUNTER}.js": COUNTER_JS})
        counter = rt.mount_component(COUNTER)
        counter.call("set", {"n": 7})
        counter.call("set", {"n": 7})
        assert counter.data["seen"] == [[7, 1]]
        counter.call("set", {"obj.b": 2})  # a path inside an Object property: the whole value
        assert counter.data["objSeen"] == [[{"a": 1, "b": 2}, {"a": 1}]]
        assert rt.errors == []


class TestObservers:
    def test_several_synchronous_set_data_calls_run_the_observer_once_after_them(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_observers.md, Bugs & Tips: setData calls made one after
        another in the same run make the observers run once, with the last values."""
        rt = project({f"{COUNTER}.js": COUNTER_JS})
        counter = rt.mount_component(COUNTER)
        assert counter.call("setTwice") == 0  # not yet, inside the method
        assert counter.data["watched"] == [[3, "y"]]

    def test_an_observer_runs_only_when_a_watched_field_changes(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_observers.md, Bugs & Tips: "只有这些字段发生改变时才会触发，
        类似observer" (WeChat runs them for every setData of the field; swan does not)."""
        rt = project({f"{COUNTER}.js": COUNTER_JS})
        counter = rt.mount_component(COUNTER)
        counter.call("set", {"n": 1, "label": "x"})  # the values they already have
        counter.call("set", {"total": 5})  # not watched
        assert counter.data["watched"] == []
        counter.call("set", {"n": 1, "label": "changed"})
        assert counter.data["watched"] == [[1, "changed"]]

    PATHS_JS = """
    let fired = [];
    Component({
        data: {a: {b: {c: 1}}, list: [{n: 1}], other: 0},
        observers: {
            'a.b': function () { fired.push('a.b'); },
            'a.b.**': function () { fired.push('a.b.**'); },
            'list[0]': function () { fired.push('list[0]'); },
            '**': function () { fired.push('**'); }
        },
        methods: {
            set(payload) { this.setData(payload); },
            take() { const out = fired; fired = []; return out; }
        }
    });
    """

    def test_a_path_observer_sees_its_field_and_the_fields_above_it_only_a_wildcard_sees_below(
            self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_observers.md: 'some.subfield' fires for a setData of
        some.subfield or of some; 'arr[12]' for arr[12] or arr; only 'some.field.**' also for
        any field below it; '**' for every setData."""
        rt = project({"components/paths/paths.js": self.PATHS_JS})
        comp = rt.mount_component("components/paths/paths")
        seen: list[tuple[str, object]] = []
        for payload in ({"a.b.c": 2}, {"a.b": {"c": 3}}, {"a": {"b": {"c": 4}}}, {"list[0].n": 2}, {"list[0]": {"n": 3}},
                        {"list": [{"n": 4}]}, {"other": 1}):
            comp.call("set", payload)
            seen.append((next(iter(payload)), comp.call("take")))
        assert seen == [
            ("a.b.c", ["a.b.**", "**"]),
            ("a.b", ["a.b", "a.b.**", "**"]),
            ("a", ["a.b", "a.b.**", "**"]),
            ("list[0].n", ["**"]),
            ("list[0]", ["list[0]", "**"]),
            ("list", ["list[0]", "**"]),
            ("other", ["**"]),
        ]


# behaviors/log.js keeps what the lifetimes wrote down; a component's take() hands it over.
BEHAVIORS = {
    "behaviors/log.js": """
        const entries = [];
        module.exports = {
            entries,
            log(name) { return function () { entries.push(name); }; }
        };
    """,
    "behaviors/b.js": "const {log} = require('./log'); module.exports = Behavior({attached: log('b attached')});",
    "behaviors/a.js": "const {log} = require('./log'); module.exports = Behavior({behaviors: [require('./b')], "
                      "attached: log('a attached')});",
    "components/twice/twice.js": """
        const {log, entries} = require('../../behaviors/log');
        const a = require('../../behaviors/a'), b = require('../../behaviors/b');
        Component({behaviors: [b, a], attached: log('own attached'), methods: {take() { return entries; }}});
    """,
    "components/through/through.js": """
        const a = require('../../behaviors/a'), b = require('../../behaviors/b');
        Component({behaviors: [a], methods: {has() { return [this.hasBehavior(a), this.hasBehavior(b)]; }}});
    """,
}


class TestBehaviors:
    def test_data_objects_of_a_behavior_and_the_component_are_merged(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_behaviors.md: a data field defined by both is merged when it
        is an object ("如果数据是对象类型，会进行对象合并"), replaced otherwise; the component wins."""
        rt = project({
            "behaviors/base.js": "module.exports = Behavior({data: {obj: {a: 1, b: 1, deep: {p: 1}}, list: [1, 2], s: 'b'}});",
            "components/merged/merged.js": """
                const base = require('../../behaviors/base');
                Component({behaviors: [base], data: {obj: {b: 2, c: 2, deep: {q: 2}}, list: [3], s: 'c'}});
            """,
        })
        data = rt.mount_component("components/merged/merged").data
        assert data == {"obj": {"a": 1, "b": 2, "c": 2, "deep": {"p": 1, "q": 2}}, "list": [3], "s": "c"}

    def test_a_behavior_reached_twice_runs_its_lifetimes_once(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_behaviors.md: "如果同一个 behavior 被一个组件多次引用，它定义的
        生命周期函数只会被执行一次"; behaviors' lifetimes run before the component's own, a
        behavior's included behaviors before it."""
        rt = project(BEHAVIORS)
        comp = rt.mount_component("components/twice/twice")
        assert comp.call("take") == ["b attached", "a attached", "own attached"]

    def test_has_behavior_sees_a_behavior_included_through_another(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_comp.md, hasBehavior: "检查时会递归检查被直接或间接引入的所有
        behavior"."""
        rt = project(BEHAVIORS)
        assert rt.mount_component("components/through/through").call("has") == [True, True]


class TestPropertyTypes:
    TYPED_JS = """
    Component({
        properties: {list: Array, obj: Object, n: Number, s: String, flag: Boolean},
        methods: {set(payload) { this.setData(payload); }, setInfinite() { this.setData({n: Infinity}); }}
    });
    """

    def test_a_value_of_the_wrong_type_is_replaced_by_the_types_default_with_a_warning(self, project: Callable[..., SwanRuntime]) -> None:
        """WeChat's framework, which swan copies (the swan docs say nothing): "property received
        type-uncompatible value: expected <Array> but got non-array value. Used empty array
        instead." (and null for Object, 0 for a Number that is not finite)."""
        rt = project({"components/typed/typed.js": self.TYPED_JS})
        typed = rt.mount_component("components/typed/typed")
        typed.set_properties({"list": {"k": 1}, "obj": "str"})
        data = typed.data
        assert (data["list"], data["obj"]) == ([], None)
        assert warnings(rt) == [
            'property "list" of components/typed/typed expects <Array> and was given object; [] was used instead',
            'property "obj" of components/typed/typed expects <Object> and was given string; null was used instead',
        ]

    def test_the_components_own_set_data_converts_a_property_as_its_parent_would(self, project: Callable[..., SwanRuntime]) -> None:
        """The client sends every change of a property through the same conversion (WeChat's
        framework: String(v), a finite Number(v), !!v)."""
        rt = project({"components/typed/typed.js": self.TYPED_JS})
        typed = rt.mount_component("components/typed/typed")
        typed.call("set", {"n": "7", "s": 5, "flag": "yes"})
        assert {k: typed.data[k] for k in ("n", "s", "flag")} == {"n": 7, "s": "5", "flag": True}
        typed.call("setInfinite")
        assert typed.data["n"] == 0
        assert warnings(rt) == ['property "n" of components/typed/typed expects <Number> and was given number; 0 was used instead']

    def test_initial_values_are_converted_the_same_way(self, project: Callable[..., SwanRuntime]) -> None:
        """WeChat's framework: the initial value from the parent is converted as any later one."""
        rt = project({"components/typed/typed.js": self.TYPED_JS})
        typed = rt.mount_component("components/typed/typed", properties={"list": "oops", "n": "12"})
        assert (typed.data["list"], typed.data["n"]) == ([], 12)
        assert warnings(rt) == ['property "list" of components/typed/typed expects <Array> and was given string; [] was used instead']


class TestMountedComponents:
    LIFE_JS = """
    const track = Behavior({lifetimes: {detached() { getApp().globalData.log.push('behavior detached'); }}});
    Component({
        behaviors: [track],
        data: {appName: null},
        lifetimes: {
            created() { getApp().globalData.log.push('created in ' + getApp().globalData.name); },
            detached() { getApp().globalData.log.push('detached'); }
        },
        pageLifetimes: {
            show() { getApp().globalData.log.push('show'); },
            hide() { getApp().globalData.log.push('hide'); }
        }
    });
    """

    def test_mounting_before_any_page_launches_the_app_first(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs framework/process_life.md: app onLaunch and onShow come before any
        component is created, so getApp() answers inside it (swan docs,
        app_service_registergetapp.md)."""
        rt = project({"components/life/life.js": self.LIFE_JS})
        rt.mount_component("components/life/life")
        assert rt.errors == []
        assert rt.app.global_data["log"] == ["App.onShow", "created in shop"]
        assert hooks(rt)[:3] == [("app", "", "onLaunch"), ("app", "", "onShow"), ("component", "components/life/life", "created")]
        rt.open_page(INDEX)
        assert [h for h in hooks(rt) if h[2] == "onLaunch"] == [("app", "", "onLaunch")]  # launched once

    def test_detach_runs_detached_and_the_handle_is_dead_after(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_lifetimes.md: detached runs when the component leaves the
        page's node tree (its behaviors' first, as for every lifetime)."""
        rt = project({"components/life/life.js": self.LIFE_JS})
        comp = rt.mount_component("components/life/life")
        mark = len(rt.log)
        comp.detach()
        assert hooks(rt, mark) == [("component", "components/life/life", "detached")]
        assert rt.app.global_data["log"][-2:] == ["behavior detached", "detached"]
        with pytest.raises(ValueError, match=r"no longer alive"):
            comp.data  # noqa: B018
        with pytest.raises(ValueError, match=r"no longer alive"):
            comp.detach()

    def test_mounted_components_get_page_lifetimes_when_the_app_hides_and_shows(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs custom-component_comp.md, pageLifetimes: the show and hide of the page the
        component is on; a mounted one is on no page, so it follows the app (after App.onHide /
        App.onShow and their listeners), until it is detached."""
        rt = project({"components/life/life.js": self.LIFE_JS})
        comp = rt.mount_component("components/life/life")
        rt.hide_app()
        rt.show_app()
        assert rt.app.global_data["log"] == ["App.onShow", "created in shop", "App.onHide", "hide", "App.onShow", "show"]
        comp.detach()
        rt.hide_app()
        assert rt.app.global_data["log"][-1] == "App.onHide"

    def test_a_component_placed_by_a_template_is_not_detached_by_the_test(self, project: Callable[..., SwanRuntime]) -> None:
        """A placed component leaves when its template removes it (s-if, s-for) or its page
        unloads (docs/harness.md, "Components and navigation")."""
        rt = project({
            "components/life/life.js": self.LIFE_JS,
            f"{INDEX}.json": json.dumps({"usingComponents": {"life-c": "/components/life/life"}}),
            f"{INDEX}.swan": '<view><life-c id="life"></life-c></view>',
        })
        page = rt.open_page(INDEX)
        placed = page.select_component("#life")
        assert placed is not None
        with pytest.raises(ValueError, match=r"placed by a template"):
            placed.detach()


class TestDataValues:
    def test_a_symbol_is_refused_at_the_callers_set_data(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs framework/app_service_page_setData.md: data must be JSON-able; a symbol has
        no JSON form, so the call throws a TypeError naming the field, at the app's line, and
        sets nothing of that call."""
        rt = project({})
        page = rt.open_page(INDEX)
        with pytest.raises(ScriptError) as caught:
            page.call("setSymbol")
        assert caught.value.message == 'TypeError: setData: data field "s" is a symbol, which cannot be sent to the view'
        assert caught.value.location.startswith(f"{INDEX}.js:4:")
        assert page.data == {"label": "index", "n": 0}

    def test_data_nested_deeper_than_the_limit_is_refused_and_the_data_stays_readable(self, project: Callable[..., SwanRuntime]) -> None:
        """swan-bridge's limit (js_shim/spec.json limits.dataDepth, 500 levels; the client has
        none written down): deeper data could not be read back by the host, so setData throws a
        RangeError and sets nothing; data at the limit is stored and read back."""
        rt = project({})
        page = rt.open_page(INDEX)
        with pytest.raises(ScriptError) as caught:
            page.call("setDeep", 2000)
        assert caught.value.message == ('RangeError: setData: data field "deep" nests objects and arrays more than 500 levels '
                                        'deep in data, which the view cannot take')
        assert caught.value.location.startswith(f"{INDEX}.js:9:")
        assert page.data == {"label": "index", "n": 0}
        page.call("setDeep", 500)
        node = page.data["deep"]
        for _ in range(499):
            node = node["x"]
        assert node == {}
        with pytest.raises(ScriptError) as caught:
            page.call("setDeep", 501)
        assert caught.value.message.startswith("RangeError: ")

    def test_path_keys_make_indexes_only_of_bracketed_digits(self, project: Callable[..., SwanRuntime]) -> None:
        """swan docs framework/app_service_page_setData.md: a key such as `list[0].name` sets a
        path, `[digits]` an index. A bracket holding anything else is part of the field's name,
        and a `[digits]` inside a name starts the next level, as the path syntax reads it."""
        rt = project({f"{INDEX}.js": "Page({data: {list: [[0, 0]]}, set(payload) { this.setData(payload); },"
                                     " get(path) { return this.getData(path); }});"})
        page = rt.open_page(INDEX)
        page.call("set", {"list[0][1]": 7, "a[x]": 1, "b[12]c": 2, "k[]": 3, "m.[2]": 4, "n[3": 5})
        assert page.data == {"list": [[0, 7]], "a[x]": 1, "b": {"12c": 2}, "k[]": 3, "m": {"2": 4}, "n[3": 5}
        assert [page.call("get", p) for p in ("list[0][1]", "b[12]c", "a[x]", "m[2]", "list.0")] == [7, 2, 1, 4, [0, 7]]

    def test_a_path_through_proto_or_constructor_makes_own_keys_and_reaches_no_prototype(self, project: Callable[..., SwanRuntime]) -> None:
        """A path walks the data's own keys: `a.__proto__.x` and `b.constructor.prototype.x` make
        keys of those names, and no object of the app gains `x`."""
        rt = project({f"{INDEX}.js": "Page({data: {b: {}}, set(payload) { this.setData(payload); },"
                                     " probe() { return [({}).polluted, typeof Object.prototype.polluted]; }});",
                      f"{INDEX}.swan": "<view>{{ a.__proto__.polluted }}</view>\n"})
        page = rt.open_page(INDEX)
        page.call("set", {"a.__proto__.polluted": 2, "b.constructor.prototype.polluted": 3, "__proto__": {"polluted": 4}})
        assert page.data == {"b": {"constructor": {"prototype": {"polluted": 3}}}, "a": {"__proto__": {"polluted": 2}},
                             "__proto__": {"polluted": 4}}
        assert page.call("probe") == [None, "undefined"]
        assert page.html() == "<view>2</view>"

    def test_a_method_answers_the_json_form_of_what_it_returns(self, project: Callable[..., SwanRuntime]) -> None:
        """What a page method returns reaches the test as JSON would carry it: `undefined`, a
        function, a cycle, a BigInt or a value nested deeper than the engine's stack as None; a
        Date as its ISO text; an object's toJSON used."""
        rt = project({f"{INDEX}.js": """Page({
            give(kind) {
                const cycle = {}; cycle.self = cycle;
                let deep = {}; for (let i = 0; i < 100000; i++) deep = {x: deep};
                return {deep, undef: undefined, fn() {}, cycle, big: 1n, date: new Date(0), custom: {toJSON() { return 'mine'; }},
                        list: [1, 'two', null, {x: undefined}], nan: NaN}[kind];
            },
            async later(kind) { return this.give(kind); }
        });"""})
        page = rt.open_page(INDEX)
        kinds = ["undef", "fn", "cycle", "big", "date", "custom", "list", "nan", "deep"]
        expected = [None, None, None, None, "1970-01-01T00:00:00.000Z", "mine", [1, "two", None, {}], None, None]
        assert [page.call("give", k) for k in kinds] == expected
        assert [page.call("later", k) for k in kinds] == expected
        assert rt.errors == []
