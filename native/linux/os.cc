#include <arpa/inet.h>
#include <gio/gio.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <pwd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <fstream>
#include <sstream>

#include "linux/app.hh"
#include "linux/os_service.hh"

namespace host {

using namespace api::os;

namespace {
std::string nodeArch() {
  struct utsname info;
  ::uname(&info);
  std::string machine = info.machine;
  if (machine == "x86_64") return "x64";
  if (machine == "aarch64") return "arm64";
  if (machine.size() == 4 && machine[0] == 'i' && machine.substr(2) == "86") return "ia32";
  return machine;
}

int prefixLength(const sockaddr *mask) {
  int bits = 0;
  if (mask->sa_family == AF_INET) {
    uint32_t value = ntohl(reinterpret_cast<const sockaddr_in *>(mask)->sin_addr.s_addr);
    while (value & 0x80000000u) { bits++; value <<= 1; }
  } else {
    auto *bytes = reinterpret_cast<const sockaddr_in6 *>(mask)->sin6_addr.s6_addr;
    for (int i = 0; i < 16; i++) for (int b = 7; b >= 0 && (bytes[i] >> b & 1); b--) bits++;
  }
  return bits;
}

std::string addressText(const sockaddr *address) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address->sa_family == AF_INET) inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(address)->sin_addr, text, sizeof text);
  else inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(address)->sin6_addr, text, sizeof text);
  return text;
}

// Only links a browser would follow; file:, javascript: and custom schemes are refused.
bool safeExternalUrl(const std::string &url) {
  for (const char *scheme : {"http://", "https://", "mailto:"})
    if (url.rfind(scheme, 0) == 0) return true;
  return false;
}

// A field of /proc/meminfo in bytes, or 0 when it is missing.
uint64_t meminfoBytes(const std::string &field) {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  uint64_t kb = 0;
  while (meminfo >> key >> kb) {
    if (key == field) return kb * 1024;
    meminfo.ignore(64, '\n');
  }
  return 0;
}
}  // namespace

void OsServiceImpl::availableMemory(const ipc::Context &, AvailableMemoryArgs, ipc::Reply reply) {
  if (uint64_t bytes = meminfoBytes("MemAvailable:")) return resolveAvailableMemory(reply, bytes);
  resolveAvailableMemory(reply, static_cast<uint64_t>(sysconf(_SC_AVPHYS_PAGES)) * sysconf(_SC_PAGESIZE));
}

void OsServiceImpl::constants(const ipc::Context &, ConstantsArgs, ipc::Reply reply) {
  OsConstants out;
  for (int number = 1; number < 134; number++) {
    const char *name = ipc::errnoName(number);
    if (std::string(name) != "EUNKNOWN") out.errno_[name] = number;
  }
  const std::pair<const char *, int> signals[] = {
    {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT}, {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL}, {"SIGTRAP", SIGTRAP},
    {"SIGABRT", SIGABRT}, {"SIGBUS", SIGBUS}, {"SIGFPE", SIGFPE}, {"SIGKILL", SIGKILL}, {"SIGUSR1", SIGUSR1},
    {"SIGSEGV", SIGSEGV}, {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE}, {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM},
    {"SIGCHLD", SIGCHLD}, {"SIGCONT", SIGCONT}, {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN},
    {"SIGTTOU", SIGTTOU}, {"SIGURG", SIGURG}, {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ},
    {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF}, {"SIGWINCH", SIGWINCH}, {"SIGIO", SIGIO}, {"SIGSYS", SIGSYS},
  };
  for (auto &[name, number] : signals) out.signals[name] = number;
  resolveConstants(reply, out);
}

void OsServiceImpl::cpus(const ipc::Context &, CpusArgs, ipc::Reply reply) {
  std::vector<CpuInfo> out;
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, line.find_last_not_of(" \t", colon - 1) + 1);
    std::string value = colon + 2 <= line.size() ? line.substr(colon + 2) : "";
    if (key == "processor") out.push_back({});
    else if (key == "model name" && !out.empty()) out.back().model = value;
    else if (key == "cpu MHz" && !out.empty()) out.back().speed = static_cast<uint32_t>(std::atof(value.c_str()));
  }
  // Times from /proc/stat are in clock ticks; Node reports milliseconds.
  std::ifstream stat("/proc/stat");
  double tick = 1000.0 / sysconf(_SC_CLK_TCK);
  while (std::getline(stat, line)) {
    if (line.rfind("cpu", 0) != 0 || line.size() < 4 || !isdigit(static_cast<unsigned char>(line[3]))) continue;
    std::istringstream fields(line);
    std::string name;
    double user, nice, sys, idle, iowait, irq;
    fields >> name >> user >> nice >> sys >> idle >> iowait >> irq;
    size_t index = std::strtoul(name.c_str() + 3, nullptr, 10);
    if (index < out.size()) out[index].times = CpuTimes{user * tick, nice * tick, sys * tick, idle * tick, irq * tick};
  }
  resolveCpus(reply, out);
}

void OsServiceImpl::hostname(const ipc::Context &, HostnameArgs, ipc::Reply reply) {
  char name[256] = {0};
  if (gethostname(name, sizeof name - 1) != 0) return (void)reply.error(ipc::Error::fromErrno(errno, "gethostname"));
  resolveHostname(reply, name);
}

void OsServiceImpl::loadavg(const ipc::Context &, LoadavgArgs, ipc::Reply reply) {
  double loads[3] = {0, 0, 0};
  if (getloadavg(loads, 3) != 3) return (void)reply.error(ipc::Error::fromErrno(errno ? errno : ENOSYS, "getloadavg"));
  resolveLoadavg(reply, std::vector<double>{loads[0], loads[1], loads[2]});
}

void OsServiceImpl::totalMemory(const ipc::Context &, TotalMemoryArgs, ipc::Reply reply) {
  uint64_t bytes = meminfoBytes("MemTotal:");
  if (bytes == 0) bytes = static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGESIZE);
  resolveTotalMemory(reply, bytes);
}

void OsServiceImpl::userInfo(const ipc::Context &, UserInfoArgs, ipc::Reply reply) {
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? size : 16384);
  struct passwd entry, *found = nullptr;
  int status;
  // ERANGE: the record is larger than the suggested size; grow until it fits.
  while ((status = getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found)) == ERANGE && buffer.size() < (1u << 20))
    buffer.resize(buffer.size() * 2);
  if (status != 0) return (void)reply.error(ipc::Error::fromErrno(status, "uv_os_get_passwd"));
  if (!found) return (void)reply.error(ipc::Error::fromErrno(ENOENT, "uv_os_get_passwd"));
  UserInfo out;
  out.uid = entry.pw_uid;
  out.gid = entry.pw_gid;
  out.username = entry.pw_name ? entry.pw_name : "";
  out.homedir = entry.pw_dir ? entry.pw_dir : "";
  if (entry.pw_shell) out.shell = std::string(entry.pw_shell);
  resolveUserInfo(reply, out);
}

void OsServiceImpl::hrtime(const ipc::Context &, HrtimeArgs, ipc::Reply reply) {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  resolveHrtime(reply, static_cast<uint64_t>(now.tv_sec) * 1000000000ull + now.tv_nsec);
}

void OsServiceImpl::getPriority(const ipc::Context &, GetPriorityArgs args, ipc::Reply reply) {
  if (args.pid < 0) return (void)reply.error(ipc::Error::fromErrno(ESRCH, "getpriority"));
  // -1 is also a valid nice value: only errno tells a failure apart.
  errno = 0;
  int value = ::getpriority(PRIO_PROCESS, static_cast<id_t>(args.pid));
  if (value == -1 && errno != 0) return (void)reply.error(ipc::Error::fromErrno(errno, "getpriority"));
  resolveGetPriority(reply, value);
}

void OsServiceImpl::setPriority(const ipc::Context &, SetPriorityArgs args, ipc::Reply reply) {
  if (args.priority < -20 || args.priority > 19)
    return (void)reply.error(ipc::Error::rangeError("priority must be an integer from -20 to 19, not " + std::to_string(args.priority)));
  if (args.pid < 0) return (void)reply.error(ipc::Error::fromErrno(ESRCH, "setpriority"));
  if (::setpriority(PRIO_PROCESS, static_cast<id_t>(args.pid), args.priority) != 0)
    return (void)reply.error(ipc::Error::fromErrno(errno, "setpriority"));
  resolveSetPriority(reply);
}

void OsServiceImpl::networkInterfaces(const ipc::Context &, NetworkInterfacesArgs, ipc::Reply reply) {
  ifaddrs *list = nullptr;
  if (getifaddrs(&list) != 0) return (void)reply.error(ipc::Error::fromErrno(errno, "getifaddrs"));
  std::map<std::string, std::string> macs;
  for (ifaddrs *it = list; it; it = it->ifa_next) {
    if (!it->ifa_addr || it->ifa_addr->sa_family != AF_PACKET) continue;
    auto *link = reinterpret_cast<sockaddr_ll *>(it->ifa_addr);
    char mac[18] = "00:00:00:00:00:00";
    if (link->sll_halen == 6)
      std::snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", link->sll_addr[0], link->sll_addr[1],
                    link->sll_addr[2], link->sll_addr[3], link->sll_addr[4], link->sll_addr[5]);
    macs[it->ifa_name] = mac;
  }
  std::map<std::string, std::vector<NetworkInterface>> out;
  for (ifaddrs *it = list; it; it = it->ifa_next) {
    if (!it->ifa_addr || (it->ifa_addr->sa_family != AF_INET && it->ifa_addr->sa_family != AF_INET6)) continue;
    NetworkInterface entry;
    entry.address = addressText(it->ifa_addr);
    entry.netmask = it->ifa_netmask ? addressText(it->ifa_netmask) : "";
    entry.family = it->ifa_addr->sa_family == AF_INET ? InterfaceFamily::IPv4 : InterfaceFamily::IPv6;
    entry.mac = macs.count(it->ifa_name) ? macs[it->ifa_name] : "00:00:00:00:00:00";
    entry.internal = (it->ifa_flags & IFF_LOOPBACK) != 0;
    if (it->ifa_netmask) entry.cidr = entry.address + "/" + std::to_string(prefixLength(it->ifa_netmask));
    if (it->ifa_addr->sa_family == AF_INET6) entry.scopeid = reinterpret_cast<sockaddr_in6 *>(it->ifa_addr)->sin6_scope_id;
    out[it->ifa_name].push_back(entry);
  }
  freeifaddrs(list);
  resolveNetworkInterfaces(reply, out);
}

void OsServiceImpl::paths(const ipc::Context &, PathsArgs, ipc::Reply reply) {
  const std::string bundle = app_.bundleId();
  std::map<std::string, std::string> out = {
    {"resources", app_.options().resources},
    {"home", g_get_home_dir()},
    {"tmp", g_get_tmp_dir()},
    {"data", std::string(g_get_user_data_dir()) + "/" + bundle},
    {"config", std::string(g_get_user_config_dir()) + "/" + bundle},
    {"cache", std::string(g_get_user_cache_dir()) + "/" + bundle},
    {"log", std::string(g_get_user_state_dir()) + "/" + bundle},
  };
  const std::pair<const char *, GUserDirectory> special[] = {
    {"desktop", G_USER_DIRECTORY_DESKTOP}, {"documents", G_USER_DIRECTORY_DOCUMENTS},
    {"downloads", G_USER_DIRECTORY_DOWNLOAD}, {"music", G_USER_DIRECTORY_MUSIC},
    {"pictures", G_USER_DIRECTORY_PICTURES}, {"videos", G_USER_DIRECTORY_VIDEOS},
  };
  for (auto &[name, which] : special)
    if (const char *dir = g_get_user_special_dir(which)) out[name] = dir;
  resolvePaths(reply, out);
}

void OsServiceImpl::rusage(const ipc::Context &, RusageArgs, ipc::Reply reply) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  // As Node's process.resourceUsage(): CPU times in microseconds, maxRSS in kilobytes.
  resolveRusage(reply, ResourceUsage{usage.ru_utime.tv_sec * 1e6 + usage.ru_utime.tv_usec,
                                     usage.ru_stime.tv_sec * 1e6 + usage.ru_stime.tv_usec,
                                     static_cast<double>(usage.ru_maxrss)});
}

void OsServiceImpl::uname(const ipc::Context &, UnameArgs, ipc::Reply reply) {
  struct utsname info;
  ::uname(&info);
  resolveUname(reply, Uname{info.sysname, info.release, info.version, info.machine});
}

void OsServiceImpl::uptime(const ipc::Context &, UptimeArgs, ipc::Reply reply) {
  timespec now;
  clock_gettime(CLOCK_BOOTTIME, &now);
  // In hundredths, truncated, as /proc/uptime (which Node's libuv reads) reports it.
  resolveUptime(reply, now.tv_sec + (now.tv_nsec / 10000000) / 100.0);
}

void OsServiceImpl::primordials(const ipc::Context &, PrimordialsArgs, ipc::Reply reply) {
  char cwd[4096] = "";
  if (!getcwd(cwd, sizeof cwd)) cwd[0] = '\0';
  resolvePrimordials(reply, Primordials{nodeArch(), cwd, "linux", RuntimeVersion{"0.1.0", "", "0.1.0"}});
}

void OsServiceImpl::platformEvent(const ipc::Context &, PlatformEventArgs, ipc::Reply reply) {
  // The page reports its lifecycle (e.g. "domcontentloaded"); nothing on Linux depends on it yet.
  resolvePlatformEvent(reply);
}

void OsServiceImpl::openExternal(const ipc::Context &, OpenExternalArgs args, ipc::Reply reply) {
  if (!safeExternalUrl(args.value))
    return (void)reply.error(ipc::Error::typeError("openExternal opens http:, https: and mailto: links only, not '" + args.value.substr(0, 64) + "'"));
  GError *error = nullptr;
  if (!g_app_info_launch_default_for_uri(args.value.c_str(), nullptr, &error)) {
    std::string message = error ? error->message : "no application handles it";
    if (error) g_error_free(error);
    return (void)reply.error(ipc::Error::notSupported("cannot open " + args.value + " on this desktop: " + message));
  }
  resolveOpenExternal(reply);
}

void OsServiceImpl::revealFile(const ipc::Context &, RevealFileArgs args, ipc::Reply reply) {
  std::string path, why;
  if (!app_.permissions().check(args.value, Permissions::Access::Read, path, why))
    return (void)reply.error(ipc::Error::notAllowed(why));
  if (::access(path.c_str(), F_OK) != 0) return (void)reply.error(ipc::Error::fromErrno(errno, "revealFile", args.value));
  // Opens the containing folder in the desktop's file manager.
  std::string folder = path.substr(0, path.rfind('/'));
  gchar *uri = g_filename_to_uri(folder.empty() ? "/" : folder.c_str(), nullptr, nullptr);
  GError *error = nullptr;
  bool ok = uri && g_app_info_launch_default_for_uri(uri, nullptr, &error);
  g_free(uri);
  if (!ok) {
    std::string message = error ? error->message : "no file manager";
    if (error) g_error_free(error);
    return (void)reply.error(ipc::Error::notSupported("cannot reveal " + args.value + " on this desktop: " + message));
  }
  resolveRevealFile(reply);
}

}  // namespace host
