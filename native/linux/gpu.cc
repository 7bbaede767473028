#include "linux/gpu.hh"

#include <glob.h>

namespace host {

bool hasGpuRenderNode() {
  glob_t found;
  bool any = glob("/dev/dri/renderD*", 0, nullptr, &found) == 0 && found.gl_pathc > 0;
  globfree(&found);
  return any;
}

bool hardwareAccelerationDisabled(const Config &config) {
  if (config.get("permissions_hardware_acceleration_disabled").empty()) return !hasGpuRenderNode();
  return config.flag("permissions_hardware_acceleration_disabled", false);
}

}  // namespace host
