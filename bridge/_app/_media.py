"""The media APIs' host side: images, videos and documents on real files; the album and the
documents a test reads back; the players, recorders, cameras, maps and canvases whose objects
the shim keeps (js_shim/api/media.js), answered and recorded here.

Every API here is scripted: its default answer (below) is what the client does with the test's
files, and `rt.answer(api, {"fail": True, "kind": ..., "reason": ...})` makes one call fail.
The doc page of each API is named where it is declared in js_shim/api/media.js.
"""

from __future__ import annotations

import base64
import math
import os
import posixpath
import re
import struct
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from .._exceptions import HostFailure
from .._project_files import FileRefused, read_regular_file
from .._registry import Handler, Params, api, declared_apis, handlers_of
from ._answers import DEFAULT_ANSWERS, DEFAULT_LOCATION, GCJ02_SHIFT, OPTIONAL_ANSWER_FIELDS, Answers
from ._mediafiles import (
    NotAnImage,
    compress_image,
    encode_aac,
    encode_mp4,
    encode_pcm,
    encode_png,
    image_info,
    scale_rgba,
    video_info,
    wav_duration,
)

#: Largest media file read into memory (an image's header, a video's boxes).
MEDIA_FILE_BYTES = 64 * 1024 * 1024
#: How long an audio source plays when its file does not say (seconds): `rt.audio_duration`'s
#: default; a WAV file's own length is used when the source is one.
AUDIO_DURATION = 10.0
#: A canvas's size when the view does not say (no project, or a `<canvas>` without a width and
#: height in its style): swan's default `<canvas>` size, in CSS pixels (component/canvas.md).
CANVAS_SIZE = (300, 225)
#: The pixel bytes (4 a pixel) of the canvases one runtime keeps: two of the largest (4096 x
#: 4096) or about 490 of swan's default size. Past them the canvas used least recently is
#: dropped (it is transparent again at its next use), as every canvasId a script names gets a
#: canvas, whether or not a page has its `<canvas>` (swan-bridge's own bound).
CANVAS_BYTES = 128 * 1024 * 1024
#: The largest side of a canvasToTempFilePath image, as destWidth and destHeight are checked (js_shim/api/media.js).
CANVAS_DEST_SIDE = 4096
#: The frame size and length of the video a runtime makes when the test chose none.
SAMPLE_VIDEO = (320, 240, 3000)
#: The audio inputs getAvailableAudioSources lists, per platform (recorder_swan-getAvailableAudioSources.md).
AUDIO_SOURCES = {
    "android": ["auto", "mic", "camcorder", "voice_communication", "voice_recognition"],
    "ios": ["auto", "buildInMic", "headsetMic"],
}
#: openDocument's file types (file/swan-openDocument.md).
DOCUMENT_TYPES = ("doc", "xls", "ppt", "pdf", "docx", "xlsx", "pptx")
#: The scale a map starts at (component/map.md: scale 5-18, default 16).
MAP_SCALE = 16


class MediaFiles(Protocol):
    """What the media APIs need of the file sandbox (bridge._files._sandbox.Sandbox)."""

    @property
    def directory(self) -> Path: ...

    def resolve(self, vpath: str) -> Path: ...

    def new_temp(self, ext: str = "") -> tuple[str, Path]: ...

    def publish(self, vpath: str, host_path: Path) -> None: ...

    def hand_in(self, host_path: str | os.PathLike[str]) -> str: ...


class Media:
    """The media APIs of one runtime: what they read and write, and what the test reads back
    (`album`, `documents`)."""

    def __init__(self, files: MediaFiles, answers: Answers, *, images: list[str], videos: list[str | os.PathLike[str]],
                 platform: str, project_root: Path | None, now: Callable[[], float],
                 past_deadline: Callable[[], bool] = lambda: False) -> None:
        self._files = files
        self._answers = answers
        self._images = images  # temp paths of the files chooseImage picks (rt.chosen_paths)
        self._video_sources = videos
        self._videos: list[str] | None = None
        self.audio_duration = AUDIO_DURATION
        self._platform = platform
        self._root = project_root
        self._now = now
        self._past_deadline = past_deadline
        #: What saveImageToPhotosAlbum / saveVideoToPhotosAlbum saved, in order.
        self.album: list[dict[str, Any]] = []
        #: What openDocument opened and shareFile shared, in order.
        self.documents: list[dict[str, Any]] = []
        self._canvases: dict[str, Canvas] = {}
        self._maps: dict[str, dict[str, Any]] = {}
        self._recording: dict[str, Any] | None = None

    def handlers(self) -> dict[str, Handler]:
        """Every media API, by name (an object's methods with the object's name)."""
        out = handlers_of(self)
        owners: dict[type[_Methods], _Methods] = {}
        for cls, prefix, methods in _OBJECTS:
            owner = owners.get(cls) or owners.setdefault(cls, cls(self))
            out.update({name: h for name, h in handlers_of(owner, prefix).items() if name[len(prefix):] in methods})
        return out

    # -- answers ----------------------------------------------------------------------------------
    def scripted(self, api: str) -> dict[str, Any]:
        """The next scripted answer of `api` (its default otherwise): a fail answer raises."""
        answer = self._answers.next(api) or {}
        if answer.get("fail"):
            raise HostFailure(answer["kind"], answer["reason"])
        return answer

    def _allowed(self, scope: str) -> None:
        """The user's permission for `scope`, asked for once (swan.authorize's rules)."""
        self._answers.services.authorize("authorize", {"scope": scope})

    # -- files ------------------------------------------------------------------------------------
    def read(self, path: str, *, network: bool = False) -> tuple[Path, bytes]:
        """The host file and bytes behind a path a script gave: a bdfile:// path, or a file of the
        project ("/images/a.png", the shim makes a relative one absolute)."""
        if path.startswith("bdfile://"):
            host = self._files.resolve(path)
            try:
                return host, read_regular_file(host, MEDIA_FILE_BYTES, path)
            except FileRefused as exc:
                raise HostFailure("not_found" if exc.reason == "not found" else "io", f"{path[:200]}: {exc.reason}") from None
        if re.match(r"https?://", path, re.IGNORECASE):
            reason = "the image was not downloaded" if network else "network paths are not supported"
            raise HostFailure("invalid_path", f"{reason}: {path[:200]}")
        if self._root is None or not path.startswith("/"):
            raise HostFailure("not_found", f"file not found: {path[:200]}")
        parts = [p for p in path.split("/") if p]
        if any(p in (".", "..") for p in parts):
            raise HostFailure("not_found", f"file not found: {path[:200]}")
        host = self._root.joinpath(*parts)
        root = os.path.realpath(self._root)
        if os.path.commonpath([root, os.path.realpath(host)]) != root:
            raise HostFailure("not_found", f"file not found: {path[:200]}")
        try:
            return host, read_regular_file(host, MEDIA_FILE_BYTES, path)
        except FileRefused as exc:
            raise HostFailure("not_found" if exc.reason == "not found" else "io", f"{path[:200]}: {exc.reason}") from None

    def write_temp(self, ext: str, data: bytes) -> str:
        """A new temp file holding `data`; returns its bdfile:// path."""
        vpath, host = self._files.new_temp(ext)
        host.write_bytes(data)
        self._files.publish(vpath, host)
        return vpath

    def copy_temp(self, vpath: str) -> str:
        """A new temp file with the content of the file at `vpath` (a photo the camera took)."""
        host, data = self.read(vpath)
        return self.write_temp(host.suffix, data)

    def videos(self) -> list[str]:
        """Temp paths of the videos chooseVideo and chooseAlbum pick: the `choose_videos` files,
        or a video the runtime makes (320 x 240, 3 s, no frames) when the test chose none."""
        if self._videos is None:
            sources = list(self._video_sources)
            if not sources:
                sample = self._files.directory / "sample-video.mp4"
                sample.write_bytes(encode_mp4(*SAMPLE_VIDEO))
                sources = [sample]
            self._videos = [self._files.hand_in(p) for p in sources]
        return self._videos

    def video_fields(self, vpath: str) -> dict[str, Any]:
        _host, data = self.read(vpath)
        duration, width, height = video_info(data)
        return {"tempFilePath": vpath, "duration": duration, "size": len(data), "height": height, "width": width}

    # -- images -----------------------------------------------------------------------------------
    @api("image", scripted=True)
    def getImageInfo(self, api: str, params: Params) -> dict[str, Any]:
        """media/image_swan-getImageInfo.md: the file's header (the shim downloads a network image)."""
        self.scripted(api)
        src = params["src"]
        _host, data = self.read(src, network=True)
        try:
            kind, width, height, orientation = image_info(data)
        except NotAnImage as exc:
            raise HostFailure("io", f"{exc}: {src[:200]}") from None
        return {"width": width, "height": height, "path": src, "orientation": orientation, "type": kind}

    @api("image", scripted=True)
    def compressImage(self, api: str, params: Params) -> dict[str, Any]:
        """media/image_swan-compressImage.md: a copy without metadata (see compress_image)."""
        self.scripted(api)
        src = params["src"]
        host, data = self.read(src)
        try:
            smaller = compress_image(data)
        except (NotAnImage, struct.error, zlib.error) as exc:
            raise HostFailure("io", f"not an image this client compresses ({exc}): {src[:200]}") from None
        return {"tempFilePath": self.write_temp(host.suffix, smaller)}

    # -- the album --------------------------------------------------------------------------------
    def _save_to_album(self, api: str, params: Params, kind: str) -> dict[str, Any]:
        self._allowed("scope.writePhotosAlbum")
        self.scripted(api)
        path = params["filePath"]
        host, data = self.read(path)
        if kind == "image":
            try:
                image_info(data)
            except NotAnImage as exc:
                raise HostFailure("io", f"{exc}: {path[:200]}") from None
        folder = self._files.directory / "album"
        folder.mkdir(exist_ok=True)
        saved = folder / f"{len(self.album) + 1:04d}{host.suffix.lower()}"
        saved.write_bytes(data)
        self.album.append({"kind": kind, "filePath": path, "path": saved})
        return {}

    @api("album", scripted=True)
    def saveImageToPhotosAlbum(self, api: str, params: Params) -> dict[str, Any]:
        return self._save_to_album(api, params, "image")

    @api("album", scripted=True)
    def saveVideoToPhotosAlbum(self, api: str, params: Params) -> dict[str, Any]:
        return self._save_to_album(api, params, "video")

    @api("album", scripted=True)
    def chooseVideo(self, api: str, params: Params) -> dict[str, Any]:
        """media/video_swan-chooseVideo.md: the first video the test chose."""
        self.scripted(api)
        return self.video_fields(self.videos()[0])

    @api("album", scripted=True)
    def chooseAlbum(self, api: str, params: Params) -> dict[str, Any]:
        """media/image_swan-chooseAlbum.md: the chosen images, then (mode both) the videos."""
        self.scripted(api)
        count = min(9, int(params.get("count", 9)))  # the shim checks it is a whole number from 1
        files = [{"path": p, "size": self.read(p)[0].stat().st_size, "type": "photo"} for p in self._images]
        if params.get("mode") == "both":
            for vpath in self.videos():
                fields = self.video_fields(vpath)
                files.append({"path": vpath, "size": fields["size"], "type": "video", "duration": fields["duration"]})
        files = files[:count]
        return {"tempFilePaths": [f["path"] for f in files], "tempFiles": files}

    # -- documents --------------------------------------------------------------------------------
    def _document(self, api: str, params: Params) -> dict[str, Any]:
        self.scripted(api)
        path = params["filePath"]
        host, _data = self.read(path)
        file_type = params.get("fileType") or posixpath.splitext(path)[1].lstrip(".").lower()
        if api == "openDocument" and file_type not in DOCUMENT_TYPES:
            raise HostFailure("io", f"file type not supported: {file_type or 'none'}")
        self.documents.append({"api": api, "filePath": path, "fileType": file_type, "path": host})
        return {}

    @api("document", scripted=True)
    def openDocument(self, api: str, params: Params) -> dict[str, Any]:
        """file/swan-openDocument.md: an existing file of a type the client opens."""
        return self._document(api, params)

    @api("document", scripted=True)
    def shareFile(self, api: str, params: Params) -> dict[str, Any]:
        """share/share_swan-shareFile.md: an existing file."""
        return self._document(api, params)

    # -- audio ------------------------------------------------------------------------------------
    @api("audio", scripted=True)
    def getAvailableAudioSources(self, api: str, params: Params) -> dict[str, Any]:
        """media/recorder_swan-getAvailableAudioSources.md: the platform's documented sources."""
        self.scripted(api)
        return {"audioSources": list(AUDIO_SOURCES[self._platform])}

    @api("audio", scripted=True)
    def setInnerAudioOption(self, api: str, params: Params) -> dict[str, Any]:
        return self.scripted(api)

    def audio_length(self, src: str) -> float:
        """How long `src` plays: a WAV file's own length, else `audio_duration`."""
        if src.startswith(("bdfile://", "/")):
            _host, data = self.read(src)
            length = wav_duration(data)
            if length is not None:
                return length
        return float(self.audio_duration)

    # -- canvases ---------------------------------------------------------------------------------
    def canvas(self, params: Params) -> Canvas:
        """The canvas a call names (`canvasId`), at the size the shim found for its `<canvas>`
        (`canvasSize`, CSS px): transparent until something is drawn, and again when its size
        changed, as an HTML canvas is, or after it was dropped for CANVAS_BYTES."""
        width, height = (max(1, min(4096, int(n))) for n in params.get("canvasSize") or CANVAS_SIZE)
        canvases = self._canvases
        canvas = canvases.pop(params["canvasId"], None)  # put back last: the most recently used
        if canvas is None or (canvas.width, canvas.height) != (width, height):
            kept = sum(len(c.pixels) for c in canvases.values())
            while canvases and kept + width * height * 4 > CANVAS_BYTES:
                kept -= len(canvases.pop(next(iter(canvases))).pixels)  # the least recently used
            canvas = Canvas(width, height)
        canvases[params["canvasId"]] = canvas
        return canvas

    @api("canvas", scripted=True)
    def canvasToTempFilePath(self, api: str, params: Params) -> dict[str, Any]:
        """canvas/canvas_swan-canvasToTempFilePath.md: a PNG of the area at destWidth x destHeight."""
        self.scripted(api)
        if self._past_deadline():  # an image takes up to a second or two: not begun past the run's timeout
            raise HostFailure("timeout")
        canvas = self.canvas(params)
        x, y, width, height = canvas.region(params)
        if width == 0 or height == 0:
            raise HostFailure("io", "the canvas area is empty")
        ratio = 3.0 if self._platform == "ios" else 2.75  # the device's pixelRatio (api/system.js)
        # A size not given is the area times the ratio, scaled down (both sides alike) to the
        # bound a given one is checked against.
        shrink = min(1.0, CANVAS_DEST_SIDE / (max(width, height) * ratio))
        dest_width = max(1, round(params.get("destWidth", min(CANVAS_DEST_SIDE, width * ratio * shrink))))
        dest_height = max(1, round(params.get("destHeight", min(CANVAS_DEST_SIDE, height * ratio * shrink))))
        rgba = scale_rgba(canvas.crop(x, y, width, height), width, height, dest_width, dest_height)
        return {"tempFilePath": self.write_temp(".png", encode_png(dest_width, dest_height, rgba))}

    @api("canvas", scripted=True)
    def canvasGetImageData(self, api: str, params: Params) -> dict[str, Any]:
        """canvas/canvas_swan-canvasGetImageData.md: the area's RGBA bytes (the shim makes them a
        Uint8ClampedArray)."""
        self.scripted(api)
        canvas = self.canvas(params)
        x, y, width, height = canvas.region(params)
        data = canvas.crop(x, y, width, height)
        return {"width": width, "height": height, "data": base64.b64encode(data).decode("ascii")}

    @api("canvas", scripted=True)
    def canvasPutImageData(self, api: str, params: Params) -> dict[str, Any]:
        """canvas/canvas_swan-canvasPutImageData.md: RGBA bytes written at (x, y), clipped to the
        canvas."""
        self.scripted(api)
        self.canvas(params).put(int(params["x"]), int(params["y"]), int(params["width"]), int(params["height"]),
                                base64.b64decode(params["data"]))
        return {}

    # -- recording ---------------------------------------------------------------------------------
    def start_recording(self, params: Params) -> dict[str, Any]:
        self._allowed("scope.record")
        if self._recording is not None:
            raise HostFailure("io", "the recorder is already recording")
        self._recording = {"since": self._now(), "elapsed": 0.0, "params": dict(params)}
        return {}

    def recorded_ms(self) -> float:
        rec = self._recording
        if rec is None:
            return 0.0
        running = self._now() - rec["since"] if rec["since"] is not None else 0.0
        return float(rec["elapsed"] + running)

    def pause_recording(self) -> dict[str, Any]:
        rec = self._recording
        if rec is not None and rec["since"] is not None:
            rec["elapsed"] = self.recorded_ms()
            rec["since"] = None
        return {"duration": round(self.recorded_ms())}

    def resume_recording(self) -> dict[str, Any]:
        rec = self._recording
        if rec is not None and rec["since"] is None:
            rec["since"] = self._now()
        return {"duration": round(self.recorded_ms())}

    def stop_recording(self) -> dict[str, Any]:
        """The recording as a real file: silent AAC in ADTS frames, or raw 16-bit PCM."""
        rec = self._recording
        if rec is None:
            raise HostFailure("io", "the recorder is not recording")
        limit = rec["params"].get("duration", 60000)
        duration = int(min(round(self.recorded_ms()), limit))
        self._recording = None
        options = rec["params"]
        rate = int(options.get("sampleRate", 8000))
        channels = int(options.get("numberOfChannels", 2))
        if options.get("format") == "pcm":
            data, ext = encode_pcm(duration, rate, channels), ".pcm"
        else:
            data, ext = encode_aac(duration, rate, channels), ".aac"
        return {"tempFilePath": self.write_temp(ext, data), "duration": duration, "fileSize": len(data)}

    # -- maps -------------------------------------------------------------------------------------
    def map_state(self, map_id: str) -> dict[str, Any]:
        """A map's centre (gcj02, as getCenterLocation reports it) and scale."""
        state = self._maps.get(map_id)
        if state is None:
            state = self._maps[map_id] = {**device_place(), "scale": MAP_SCALE}
        return state


def device_place() -> dict[str, float]:
    """Where the device is, in gcj02: swan.getLocation's default answer (Baidu's campus in
    Beijing), where a map starts and where moveToLocation() without a place goes."""
    return {"latitude": round(DEFAULT_LOCATION["latitude"] + GCJ02_SHIFT[0], 6),
            "longitude": round(DEFAULT_LOCATION["longitude"] + GCJ02_SHIFT[1], 6)}


# ------------------------------------------------------------------------------------------------
# The objects' methods (InnerAudioContext.play ...): each one a call the test sees in rt.calls
# ------------------------------------------------------------------------------------------------
class _Methods:
    def __init__(self, media: Media) -> None:
        self._media = media

    def _answer(self, api: str) -> dict[str, Any]:
        return self._media.scripted(api)


class _Audio(_Methods):
    """InnerAudioContext and BackgroundAudioManager: the shim keeps the player's state; `play`
    loads the source and answers its duration (seconds)."""

    @api("audio", scripted=True)
    def play(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._answer(api)
        src = params.get("src") or ""
        if not src:
            raise HostFailure("io", "src is empty")
        duration = answer.get("duration")
        return {"duration": float(duration if duration is not None else self._media.audio_length(src))}

    @api("audio", scripted=True)
    def pause(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("audio", scripted=True)
    def stop(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("audio", scripted=True)
    def seek(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("audio", scripted=True)
    def destroy(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)


class _Recorder(_Methods):
    """RecorderManager: the host measures the recording on the runtime's clock and writes it."""

    @api("audio", scripted=True)
    def start(self, api: str, params: Params) -> dict[str, Any]:
        self._answer(api)
        return self._media.start_recording(params)

    @api("audio", scripted=True)
    def pause(self, api: str, params: Params) -> dict[str, Any]:
        self._answer(api)
        return self._media.pause_recording()

    @api("audio", scripted=True)
    def resume(self, api: str, params: Params) -> dict[str, Any]:
        self._answer(api)
        return self._media.resume_recording()

    @api("audio", scripted=True)
    def stop(self, api: str, params: Params) -> dict[str, Any]:
        self._answer(api)
        return self._media.stop_recording()


class _Voice(_Methods):
    """swan.ai.getVoiceRecognizer(): `start` answers what the user said (`result`, default "")."""

    @api("audio", scripted=True)
    def start(self, api: str, params: Params) -> dict[str, Any]:
        self._media._allowed("scope.record")
        return {"result": "", **self._answer(api)}

    @api("audio", scripted=True)
    def stop(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("audio", scripted=True)
    def cancel(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)


class _Canvas(_Methods):
    """CanvasContext.draw: the drawing actions painted into the canvas's pixels."""

    @api("canvas", scripted=True)
    def draw(self, api: str, params: Params) -> dict[str, Any]:
        self._answer(api)
        canvas = self._media.canvas(params)
        if not params.get("reserve"):
            canvas.pixels[:] = bytes(len(canvas.pixels))
        canvas.paint(params.get("actions") or [])
        return {}


class _Video(_Methods):
    """VideoContext: recorded; the `<video>` itself is not played."""

    @api("component", scripted=True)
    def play(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def pause(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def stop(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def seek(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def sendDanmu(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def playbackRate(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def requestFullScreen(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def exitFullScreen(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def showStatusBar(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def hideStatusBar(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)


class _LivePlayer(_Methods):
    """LivePlayerContext: recorded; each method's callbacks get the scripted answer."""

    @api("component", scripted=True)
    def play(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def stop(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def mute(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def pause(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def resume(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def requestFullScreen(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def exitFullScreen(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)


class _AnimationVideo(_Methods):
    """AnimationVideo (the `<animation-video>` component): recorded."""

    @api("component", scripted=True)
    def play(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def pause(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def seek(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)


class _Camera(_Methods):
    """CameraContext and ARCameraContext: behind scope.camera; a photo is a copy of the first
    image the test chose (`choose_images`), a video of the first video (`choose_videos`)."""

    @api("component", scripted=True)
    def takePhoto(self, api: str, params: Params) -> dict[str, Any]:
        self._media._allowed("scope.camera")
        self._answer(api)
        return {"tempImagePath": self._media.copy_temp(self._media._images[0])}

    @api("component", scripted=True)
    def startRecord(self, api: str, params: Params) -> dict[str, Any]:
        self._media._allowed("scope.camera")
        self._media._allowed("scope.record")
        return self._answer(api)

    @api("component", scripted=True)
    def stopRecord(self, api: str, params: Params) -> dict[str, Any]:
        self._answer(api)
        media = self._media
        return {"tempThumbPath": media.copy_temp(media._images[0]), "tempVideoPath": media.copy_temp(media.videos()[0])}

    @api("component", scripted=True)
    def reset(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)


class _Map(_Methods):
    """MapContext: the map's centre and scale kept per map id; moveToLocation moves it."""

    def _state(self, params: Params) -> dict[str, Any]:
        return self._media.map_state(str(params.get("mapId", "")))

    @api("component", scripted=True)
    def getCenterLocation(self, api: str, params: Params) -> dict[str, Any]:
        state = self._state(params)
        return {"longitude": state["longitude"], "latitude": state["latitude"], **self._answer(api)}

    @api("component", scripted=True)
    def moveToLocation(self, api: str, params: Params) -> dict[str, Any]:
        self._answer(api)
        state = self._state(params)
        if "latitude" in params and "longitude" in params:
            state["latitude"], state["longitude"] = params["latitude"], params["longitude"]
        else:  # without a place: back to where the device is
            state.update(device_place())
        return {}

    @api("component", scripted=True)
    def translateMarker(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def includePoints(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("component", scripted=True)
    def getRegion(self, api: str, params: Params) -> dict[str, Any]:
        state = self._state(params)
        # At scale s the screen's width spans about 360 / 2^(s - 1) degrees of longitude; the
        # window is a phone's (about 1 : 1.8).
        half_lng = 180 / 2 ** (state["scale"] - 1) / 2
        half_lat = half_lng * 1.8
        return {
            "southwest": {"latitude": round(state["latitude"] - half_lat, 6), "longitude": round(state["longitude"] - half_lng, 6)},
            "northeast": {"latitude": round(state["latitude"] + half_lat, 6), "longitude": round(state["longitude"] + half_lng, 6)},
            **self._answer(api),
        }

    @api("component", scripted=True)
    def getScale(self, api: str, params: Params) -> dict[str, Any]:
        return {"scale": self._state(params)["scale"], **self._answer(api)}


# ------------------------------------------------------------------------------------------------
# Painting a canvas
# ------------------------------------------------------------------------------------------------
_NAMED = {
    "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "green": (0, 128, 0), "blue": (0, 0, 255),
    "yellow": (255, 255, 0), "gray": (128, 128, 128), "grey": (128, 128, 128), "orange": (255, 165, 0),
    "purple": (128, 0, 128),
}


def parse_color(value: Any) -> tuple[int, int, int, int] | None:
    """A CSS colour (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), a basic name) as RGBA; None for
    anything else (a gradient)."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text == "transparent":
        return (0, 0, 0, 0)
    if text in _NAMED:
        return (*_NAMED[text], 255)
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return (int(text[1] * 2, 16), int(text[2] * 2, 16), int(text[3] * 2, 16), 255)
    if re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", text):
        alpha = int(text[7:9], 16) if len(text) == 9 else 255
        return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16), alpha)
    match = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)", text)
    if match:
        r, g, b = (min(255, int(match.group(i))) for i in (1, 2, 3))
        alpha = round(min(1.0, float(match.group(4))) * 255) if match.group(4) else 255
        return (r, g, b, alpha)
    return None


@dataclass
class _Pen:
    """What a canvas draws with: the fill colour (None for a gradient), the global alpha, the
    current transform (a, b, c, d, e, f: user (x, y) goes to (a x + c y + e, b x + d y + f)) and
    the clip area (each row's runs of pixels, left to right; None while nothing is clipped)."""

    fill: tuple[int, int, int, int] | None = (0, 0, 0, 255)
    alpha: float = 1.0
    matrix: tuple[float, float, float, float, float, float] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    clip: dict[int, list[tuple[int, int]]] | None = None

    def then(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        """Apply the transform (a .. f) before the current one (as transform() does)."""
        m = self.matrix
        self.matrix = (m[0] * a + m[2] * b, m[1] * a + m[3] * b, m[0] * c + m[2] * d, m[1] * c + m[3] * d,
                       m[0] * e + m[2] * f + m[4], m[1] * e + m[3] * f + m[5])


class Canvas:
    """A canvas's pixels: RGBA rows, top first, one byte per channel; transparent at first."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.pixels = bytearray(width * height * 4)
        #: Pixels blended one by one so far (see BLEND_BUDGET).
        self.blended = 0

    def region(self, params: Params) -> tuple[int, int, int, int]:
        """x, y, width, height of an area, clamped to the canvas as canvasToTempFilePath's notes
        say (an x outside the canvas is 0; a width past the edge ends at the edge)."""
        x = int(params.get("x", 0))
        y = int(params.get("y", 0))
        x = x if 0 <= x < self.width else 0
        y = y if 0 <= y < self.height else 0
        width = int(params.get("width", self.width - x))
        height = int(params.get("height", self.height - y))
        return x, y, max(0, min(width, self.width - x)), max(0, min(height, self.height - y))

    def crop(self, x: int, y: int, width: int, height: int) -> bytes:
        stride = self.width * 4
        return b"".join(bytes(self.pixels[(y + r) * stride + x * 4 : (y + r) * stride + (x + width) * 4]) for r in range(height))

    def put(self, x0: int, y0: int, width: int, height: int, data: bytes) -> None:
        """`data` (width * height RGBA pixels) written with its top left at (x0, y0), clipped."""
        left, right = max(0, x0), min(self.width, x0 + width)
        if left >= right:
            return
        for row in range(max(0, -y0), min(height, self.height - y0)):
            start = ((y0 + row) * self.width + left) * 4
            source = (row * width + left - x0) * 4
            self.pixels[start : start + (right - left) * 4] = data[source : source + (right - left) * 4]

    def paint(self, actions: list[Any]) -> None:
        """Paint a draw call's actions: rectangles filled (fillRect, rect + fill) and cleared
        (clearRect) in a solid colour, under the transform (translate, scale, rotate, transform,
        setTransform), save / restore, the global alpha and a clip to rectangles (rect + clip).
        Other actions (paths, arcs, text, images, gradients, shadows) are kept in the call, not
        painted; a clip to a path that is not rectangles clips nothing."""
        pen = _Pen()
        saved: list[_Pen] = []
        path: list[tuple[float, float, float, float]] | None = []
        for action in actions:
            if not isinstance(action, Mapping):
                continue
            method, data = action.get("method"), action.get("data") or []
            n = [float(d) for d in data if isinstance(d, (int, float)) and not isinstance(d, bool)]
            if method == "setFillStyle":
                pen.fill = parse_color(data[0] if data else None)
            elif method == "setGlobalAlpha" and n:
                pen.alpha = max(0.0, min(1.0, n[0]))
            elif method == "translate" and len(n) >= 2:
                pen.then(1, 0, 0, 1, n[0], n[1])
            elif method == "scale" and len(n) >= 2:
                pen.then(n[0], 0, 0, n[1], 0, 0)
            elif method == "rotate" and n:
                cos, sin = math.cos(n[0]), math.sin(n[0])
                pen.then(cos, sin, -sin, cos, 0, 0)
            elif method == "transform" and len(n) >= 6:
                pen.then(*n[:6])
            elif method == "setTransform" and len(n) >= 6:
                pen.matrix = (n[0], n[1], n[2], n[3], n[4], n[5])
            elif method == "save":
                saved.append(replace(pen))
            elif method == "restore" and saved:
                pen = saved.pop()
            elif method == "beginPath":
                path = []
            elif method == "rect" and len(n) >= 4 and path is not None:
                path.append((n[0], n[1], n[2], n[3]))
            elif method in ("moveTo", "lineTo", "arc", "arcTo", "bezierCurveTo", "quadraticCurveTo", "closePath"):
                path = None  # a path that is not rectangles is not painted
            elif method == "clip" and path is not None:
                pen.clip = self._clip(pen, path)
            elif method == "fill" and path and pen.fill is not None:
                for rect in path:
                    self._fill(pen, rect, pen.fill)
            elif method == "fillRect" and len(n) >= 4 and pen.fill is not None:
                self._fill(pen, (n[0], n[1], n[2], n[3]), pen.fill)
            elif method == "clearRect" and len(n) >= 4:
                self._fill(pen, (n[0], n[1], n[2], n[3]), None)

    def _spans(self, matrix: tuple[float, ...], rect: tuple[float, float, float, float]) -> list[tuple[int, int, int]]:
        """The pixels `rect` (user space) covers under `matrix`, as (row, left, right) runs: the
        pixels whose centre it holds; a rectangle kept upright has its edges rounded."""
        a, b, c, d, e, f = matrix
        x, y, w, h = rect
        corners = [(a * px + c * py + e, b * px + d * py + f) for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
        if not all(math.isfinite(v) for p in corners for v in p):
            return []
        cw, ch = self.width, self.height
        if b == 0 and c == 0:
            x0, x1 = sorted((corners[0][0], corners[3][0]))
            y0, y1 = sorted((corners[0][1], corners[3][1]))
            left, right = max(0, round(x0)), min(cw, round(x1))
            top, bottom = max(0, round(y0)), min(ch, round(y1))
            return [(row, left, right) for row in range(top, bottom)] if left < right else []
        if a * d - b * c == 0:
            return []
        # A parallelogram: each row's pixel centres inside it are one run, between the edges.
        edges = [(corners[0], corners[1]), (corners[1], corners[3]), (corners[3], corners[2]), (corners[2], corners[0])]
        ys = [p[1] for p in corners]
        spans = []
        for row in range(max(0, math.floor(min(ys))), min(ch, math.ceil(max(ys)))):
            yc = row + 0.5
            crossings = [x0 + (yc - y0) * (x1 - x0) / (y1 - y0) for (x0, y0), (x1, y1) in edges
                         if y0 != y1 and min(y0, y1) <= yc < max(y0, y1)]
            if len(crossings) >= 2:
                left, right = max(0, math.ceil(min(crossings) - 0.5)), min(cw, math.ceil(max(crossings) - 0.5))
                if left < right:
                    spans.append((row, left, right))
        return spans

    def _clip(self, pen: _Pen, path: list[tuple[float, float, float, float]]) -> dict[int, list[tuple[int, int]]]:
        """The clip area once `path` (rectangles) is clipped to: inside both it and the area so far."""
        rows: dict[int, list[tuple[int, int]]] = {}
        for rect in path:
            for row, left, right in self._spans(pen.matrix, rect):
                rows.setdefault(row, []).append((left, right))
        area = {row: _union(runs) for row, runs in rows.items()}
        if pen.clip is not None:
            area = {row: cut for row, runs in area.items() if (cut := _intersect(runs, pen.clip.get(row, [])))}
        return area

    def _fill(self, pen: _Pen, rect: tuple[float, float, float, float], color: tuple[int, int, int, int] | None) -> None:
        """Fill `rect` (user space) with `color` over what is there (source-over), or clear it (None),
        inside the clip area."""
        cw, pixels = self.width, self.pixels
        spans = self._spans(pen.matrix, rect)
        if pen.clip is not None:  # each run cut to the clipped pixels
            clip = pen.clip
            spans = [(row, left, right) for row, l0, r0 in spans for left, right in _intersect([(l0, r0)], clip.get(row, []))]
        if color is None:
            for row, left, right in spans:
                pixels[(row * cw + left) * 4 : (row * cw + right) * 4] = bytes((right - left) * 4)
            return
        alpha = color[3] * pen.alpha / 255
        if alpha <= 0:
            return
        if alpha < 1:
            # Source-over, pixel by pixel: bounded, so that no draw call holds the host for long.
            for row, left, right in spans:
                for xx in range(left, right):
                    if self.blended >= BLEND_BUDGET:
                        return
                    self.blended += 1
                    i = (row * cw + xx) * 4
                    under = pixels[i + 3] / 255 * (1 - alpha)
                    out = alpha + under
                    for ch in range(3):
                        pixels[i + ch] = round((color[ch] * alpha + pixels[i + ch] * under) / out)
                    pixels[i + 3] = round(out * 255)
            return
        for row, left, right in spans:
            pixels[(row * cw + left) * 4 : (row * cw + right) * 4] = (bytes(color[:3]) + b"\xff") * (right - left)


#: Pixels a canvas blends one by one (a fill that is not opaque) in one runtime; past them, such
#: fills are recorded in the call and not painted (docs/media.md).
BLEND_BUDGET = 4_000_000


def _union(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs (left, right) merged where they touch or overlap, left to right."""
    out: list[tuple[int, int]] = []
    for left, right in sorted(runs):
        if out and left <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], right))
        else:
            out.append((left, right))
    return out


def _intersect(runs: list[tuple[int, int]], others: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `runs` inside `others` (both merged, left to right)."""
    out = []
    for left, right in runs:
        for l2, r2 in others:
            lo, hi = max(left, l2), min(right, r2)
            if lo < hi:
                out.append((lo, hi))
    return out


# Every media API is scripted: its default answer is the client's own (the result made from the
# test's files), and a test may make any call fail. A success answer takes no field but where
# it sets what the outside world decides: how long an audio source plays, what the user said,
# where a map is.
_NUMBER = (int, float)
_SCRIPTED_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "InnerAudioContext.play": {"duration": _NUMBER},
    "BackgroundAudioManager.play": {"duration": _NUMBER},
    "VoiceRecognizer.start": {"result": str},
    "MapContext.getCenterLocation": {"longitude": _NUMBER, "latitude": _NUMBER},
    "MapContext.getScale": {"scale": _NUMBER},
    "MapContext.getRegion": {"southwest": dict, "northeast": dict},
}


#: The objects whose methods are APIs: (handler class, name prefix, the methods it has).
_OBJECTS: tuple[tuple[type[_Methods], str, tuple[str, ...]], ...] = (
    (_Audio, "InnerAudioContext.", ("play", "pause", "stop", "seek", "destroy")),
    (_Audio, "BackgroundAudioManager.", ("play", "pause", "stop", "seek")),
    (_Recorder, "RecorderManager.", ("start", "pause", "resume", "stop")),
    (_Voice, "VoiceRecognizer.", ("start", "stop", "cancel")),
    (_Canvas, "CanvasContext.", ("draw",)),
    (_Video, "VideoContext.", ("play", "pause", "stop", "seek", "sendDanmu", "playbackRate", "requestFullScreen",
                               "exitFullScreen", "showStatusBar", "hideStatusBar")),
    (_LivePlayer, "LivePlayerContext.", ("play", "stop", "mute", "pause", "resume", "requestFullScreen", "exitFullScreen")),
    (_AnimationVideo, "AnimationVideo.", ("play", "pause", "seek")),
    (_Camera, "CameraContext.", ("takePhoto", "startRecord", "stopRecord")),
    (_Camera, "ARCameraContext.", ("takePhoto", "startRecord", "stopRecord", "reset")),
    (_Map, "MapContext.", ("getCenterLocation", "moveToLocation", "translateMarker", "includePoints", "getRegion", "getScale")),
)


def _declared() -> list[str]:
    return [*declared_apis(Media), *(prefix + m for _cls, prefix, methods in _OBJECTS for m in methods)]


for _name in _declared():
    DEFAULT_ANSWERS[_name] = {}
    OPTIONAL_ANSWER_FIELDS[_name] = _SCRIPTED_FIELDS.get(_name, {})
