#include "linux/environment.hh"

#include <glib.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "linux/config.hh"

namespace host {

namespace {
// Variables read by the dynamic loader, glibc, toolkits, media stacks, shells and language runtimes to find
// code to load or commands to run. Compared upper-cased. Prefixes first, then exact names.
constexpr const char *kCodePrefixes[] = {
  "LD_", "GCONV_", "GIO_", "GTK_", "GTK2_", "GTK3_", "GDK_", "GI_", "GJS_", "GSETTINGS_", "WEBKIT_", "JSC_",
  "GST_", "GSK_", "GBM_", "MESA_", "LIBGL_", "__EGL_", "__GLX_", "EGL_", "VK_", "LIBVA_", "VDPAU_", "QT_",
  "DBUS_", "XDG_", "ALSA_", "LADSPA_", "LV2_", "PYTHON", "PERL", "RUBY", "LUA_", "NODE_", "NPM_CONFIG_",
  "JAVA_", "_JAVA_", "JDK_", "OPENSSL_", "BASH_FUNC_", "GIT_", "SSH_", "SUDO_", "MOZ_", "ELECTRON_",
};
constexpr const char *kCodeNames[] = {
  "PATH", "HOME", "SHELL", "ENV", "BASH_ENV", "SHELLOPTS", "BASHOPTS", "PS4", "PROMPT_COMMAND", "IFS", "CDPATH",
  "GLOBIGNORE", "BROWSER", "EDITOR", "VISUAL", "PAGER", "MANPAGER", "TERMINAL", "CLASSPATH", "HOSTALIASES",
  "LOCPATH", "NLSPATH", "SASL_PATH", "KRB5_CONFIG",
};

std::string upper(std::string text) {
  for (char &c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}
}  // namespace

bool loadsCode(const std::string &name) {
  std::string key = upper(name);
  for (const char *prefix : kCodePrefixes)
    if (key.rfind(prefix, 0) == 0) return true;
  for (const char *exact : kCodeNames)
    if (key == exact) return true;
  return false;
}

PageEnvironment::PageEnvironment(const Config &config) {
  gchar **names = g_strsplit_set(config.get("build_env").c_str(), " ,", -1);
  for (gchar **name = names; *name; name++)
    if (**name) exposed_.emplace_back(*name);
  g_strfreev(names);
}

bool PageEnvironment::readable(const std::string &name) const {
  if (std::find(exposed_.begin(), exposed_.end(), name) != exposed_.end()) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  return set_.count(name) > 0;
}

bool PageEnvironment::get(const std::string &name, std::string &value) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = set_.find(name);
    if (found != set_.end()) return value = found->second, true;
  }
  const char *host = g_getenv(name.c_str());
  if (!host) return false;
  value = host;
  return true;
}

bool PageEnvironment::set(const std::string &name, const std::string &value, std::string &error) {
  if (loadsCode(name)) {
    error = name + " makes programs load code, so a page can never set it (see docs/security.md)";
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  set_[name] = value;
  return true;
}

std::vector<std::string> PageEnvironment::forChild() const {
  std::map<std::string, std::string> merged;
  gchar **host = g_get_environ();
  for (gchar **entry = host; *entry; entry++) {
    const char *equals = std::strchr(*entry, '=');
    if (equals) merged[std::string(*entry, equals - *entry)] = equals + 1;
  }
  g_strfreev(host);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto &[name, value] : set_)
      if (!loadsCode(name)) merged[name] = value;
  }
  std::vector<std::string> out;
  for (auto &[name, value] : merged) out.push_back(name + "=" + value);
  return out;
}

bool PageEnvironment::checkChildEntries(const std::vector<std::string> &entries, std::string &error) const {
  for (const auto &entry : entries) {
    auto equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) {
      error = "env entry '" + entry.substr(0, 64) + "' is not NAME=value";
      return false;
    }
    std::string name = entry.substr(0, equals);
    if (!loadsCode(name)) continue;
    const char *host = g_getenv(name.c_str());
    if (host && entry.compare(equals + 1, std::string::npos, host) == 0) continue;  // passed through unchanged
    error = name + " makes programs load code, so a page can never set it for a child (see docs/security.md)";
    return false;
  }
  return true;
}

}  // namespace host
