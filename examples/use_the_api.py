"""Run mini-program JS from Python: start the test server, route the sample URL to it, check results."""

from bridge import EmbeddedServer, SwanRuntime

SCRIPT = """
const task = swan.downloadFile({
    url: 'https://smartprogram.baidu.com/report.pdf?size=300000',
    success: res => console.log('saved', res.statusCode, res.tempFilePath),
    fail: err => console.log('failed', err.errMsg),
});
task.onProgressUpdate(res => {
    if (res.progress === 100) console.log('progress', res.progress, res.totalBytesWritten);
});
"""

with EmbeddedServer() as server:
    with SwanRuntime(routes={"https://smartprogram.baidu.com/": server.url + "/"}) as runtime:
        result = runtime.run(SCRIPT).raise_for_errors()
        print(result.output, end="")
        [task] = result.tasks
        print("callbacks:", task.events)
        assert task.ok, task.errMsg
