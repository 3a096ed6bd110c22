"""task.abort(): at any moment, fail then complete once, no success, no progress after, no file left."""

from __future__ import annotations


from support import lines


def test_abort_in_first_progress_event_of_a_slow_download(make_runtime, server) -> None:
    rt = make_runtime()
    seen = len(server.requests)
    script = """
    let aborted = false, after = 0;
    const task = swan.downloadFile({
        url: '%s/slow.bin?size=5242880&chunk=65536&delay=0.05',
        success: () => console.log('success'),
        fail: err => console.log('fail', err.errCode, err.errMsg),
        complete: () => console.log('complete'),
    });
    task.onProgressUpdate(p => {
        if (aborted) { after++; return; }
        aborted = true;
        console.log('first progress', p.progress < 100);
        task.abort();
        task.abort();  // a second abort does nothing
    });
    setTimeout(() => console.log('progress after abort:', after), 300);
    """ % server.url
    result = rt.run(script)
    assert result.errors == []
    assert lines(result) == [
        "first progress true", "fail 1001 downloadFile:fail abort", "complete", "progress after abort: 0",
    ]
    assert result.tasks[0].events == ["progress", "fail", "complete"]
    assert list(rt.temp_directory.iterdir()) == []  # neither the .part file nor a temp file
    [request] = server.requests[seen:]
    assert request.finished.wait(10)
    assert request.client_closed
    assert request.body_bytes_sent < 5242880


def test_abort_right_after_the_call_sends_nothing_and_fails(make_runtime, server) -> None:
    rt = make_runtime()
    seen = len(server.requests)
    result = rt.run("""
    const t = swan.uploadFile({url: '%s/u', filePath: '%s', name: 'f',
        success: () => console.log('success'), fail: e => console.log(e.errMsg), complete: () => console.log('complete')});
    t.onProgressUpdate(() => console.log('progress'));
    t.abort();
    """ % (server.url, rt.chosen_paths[0]))
    assert lines(result) == ["uploadFile:fail abort", "complete"]
    assert server.requests[seen:] == []


def test_abort_after_success_does_nothing(make_runtime, server) -> None:
    rt = make_runtime()
    result = rt.run("""
    const t = swan.downloadFile({url: '%s/x?size=10', success: r => console.log('success', r.statusCode),
        complete: () => { t.abort(); console.log('complete'); }});
    """ % server.url)
    assert lines(result) == ["success 200", "complete"]
    assert result.tasks[0].events == ["success", "complete"]




def test_abort_in_the_middle_of_an_upload(make_runtime, server, random_file) -> None:
    image = random_file(20 * 1024 * 1024, "big.bin")
    rt = make_runtime(choose_images=[image])
    result = rt.run("""
    let n = 0;
    const t = swan.uploadFile({url: '%s/u?delay=1', filePath: '%s', name: 'f',
        success: () => console.log('success'), fail: e => console.log(e.errMsg)});
    t.onProgressUpdate(p => { n++; if (n === 1) t.abort(); else console.log('late progress'); });
    """ % (server.url, rt.chosen_paths[0]))
    assert lines(result) == ["uploadFile:fail abort"]
    assert result.tasks[0].events == ["progress", "fail", "complete"]


def abort_a_silent_download_after_200_ms(rt, server):
    """Start a download from a server that sleeps 3 s, abort it after 200 ms; return its request."""
    import time

    seen = len(server.requests)
    started = time.monotonic()
    result = rt.run("""
    const t = swan.downloadFile({url: '%s/silent?stall=3', fail: e => console.log(e.errMsg)});
    setTimeout(() => t.abort(), 200);
    """ % server.url)
    assert lines(result) == ["downloadFile:fail abort"]
    assert time.monotonic() - started < 2  # not the 3 s the server sleeps, nor the 60 s timeout
    return server.requests[seen]


def test_abort_is_prompt_while_the_worker_is_blocked_on_a_silent_server(make_runtime, server) -> None:
    request = abort_a_silent_download_after_200_ms(make_runtime(), server)
    assert request.finished.wait(10)


def test_timeout_is_prompt_while_blocked_mid_body(make_runtime, server) -> None:
    import time

    rt = make_runtime(network_timeouts={"downloadFile": 300})
    started = time.monotonic()
    result = rt.run("swan.downloadFile({url: '%s/slow?size=100000&chunk=1000&delay=3', fail: e => console.log(e.errMsg)})" % server.url)
    assert lines(result) == ["downloadFile:fail timeout"]
    assert time.monotonic() - started < 2
    assert list(rt.temp_directory.iterdir()) == []


def test_abort_is_prompt_on_a_reused_keep_alive_connection(make_runtime, server) -> None:
    rt = make_runtime(max_concurrency=1)  # one worker thread, so the second request reuses the first's connection
    assert lines(rt.run("swan.downloadFile({url: '%s/warm?size=10', success: r => console.log(r.statusCode)})" % server.url)) == ["200"]
    request = abort_a_silent_download_after_200_ms(rt, server)
    assert request.headers.get("Connection", "keep-alive").lower() != "close"
