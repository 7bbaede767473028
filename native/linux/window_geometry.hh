// Window sizes and window-manager hints from socket.ini `[window]` (and window.create): sizes in pixels or
// percent of the screen, size limits, which frame buttons the window manager offers, the background colour.
#pragma once
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

#include <string>

#include "linux/config.hh"

namespace host {

// "800", "800px" or "80%" (of `screen`); `fallback` when empty, zero or not a size.
int parseSize(const std::string &text, int screen, int fallback);

// The primary monitor's size (1280x1024 when there is no monitor to ask).
void screenSize(int &width, int &height);

// Applies the first window's [window] keys the Linux host honours besides size, resizable and frameless
// (docs/config.md): min/max size, maximizable, minimizable, closable, utility, light/dark background colour.
void applyWindowConfig(GtkWindow *window, WebKitWebView *view, const Config &config);

}  // namespace host
