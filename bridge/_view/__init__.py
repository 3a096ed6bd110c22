"""The view: `.swan` templates parsed here (`_parse`, `_templates`), compiled and rendered by the
shim (js_shim/view/), and mirrored here as a tree that tests query with CSS selectors (`_mirror`,
`_select`). Each module is imported where it is used: lxml only once a page renders."""
