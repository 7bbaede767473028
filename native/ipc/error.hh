// ipc::Error: the typed error a reply carries (Contract 1: `err: {type, message, code, ...}`).
#pragma once

#include <optional>
#include <string>

#include "ipc/json.hh"

namespace ipc {

struct Error {
  std::string type;     // TypeError, RangeError, NotFoundError, NotAllowedError, NotSupportedError, InternalError, ErrnoError
  std::string message;
  std::string code;     // e.g. "ENOENT" for ErrnoError; empty when not applicable
  std::optional<int> errnum;  // serialized as `errno`, negative like Node's
  std::string syscall;
  std::string path;

  Json toJson () const;

  static Error typeError (std::string message) { return {"TypeError", std::move(message), "", {}, "", ""}; }
  static Error rangeError (std::string message) { return {"RangeError", std::move(message), "", {}, "", ""}; }
  static Error notFound (std::string message) { return {"NotFoundError", std::move(message), "", {}, "", ""}; }
  static Error notAllowed (std::string message) { return {"NotAllowedError", std::move(message), "", {}, "", ""}; }
  static Error notSupported (std::string message) { return {"NotSupportedError", std::move(message), "", {}, "", ""}; }
  static Error internal (std::string message) { return {"InternalError", std::move(message), "", {}, "", ""}; }
  // An operating-system failure: `errnum` is the positive errno value; code is its symbolic name.
  static Error fromErrno (int errnum, std::string syscall, std::string path = "");
};

// Symbolic name of an errno value ("ENOENT"), or "EUNKNOWN".
const char* errnoName (int errnum);

}  // namespace ipc
