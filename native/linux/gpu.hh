// Whether WebKit should composite on the GPU. Without a GPU (no DRM render node: VMs, containers, CI, Xvfb)
// WebKit's "accelerated" compositing runs OpenGL on Mesa's llvmpipe, on the CPU: about 60 MB more in every web
// process (docs/benchmarks.md) for no speed. So socket.ini's `[permissions] hardware_acceleration_disabled`
// unset means: off where there is no render node, WebKit's default elsewhere. WebGL works either way (WebKit
// creates a GL context when a page asks for one).
#pragma once
#include "linux/config.hh"

namespace host {

bool hasGpuRenderNode();
bool hardwareAccelerationDisabled(const Config &config);

}  // namespace host
