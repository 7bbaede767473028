package socket.android

import socket.ipc.IpcError
import socket.ipc.Json
import socket.ipc.PermissionPolicy

/**
 * The app's socket.ini, flattened as the desktop hosts see it (`[permissions] allow_udp` → `permissions_allow_udp`),
 * which `ssc build --platform=android` writes to `assets/socket/config.json` with every permission's decision
 * spelled out (the defaults of generator/permissions.ts applied at build time). Values are strings, as in the
 * preload's `__args.config`.
 */
class AppConfig(val values: Map<String, String>) {
  operator fun get(key: String): String? = values[key]

  /** `[permissions] allow_<name>`: granted only by true/1/yes; a name the build did not write is never granted. */
  val permissions: PermissionPolicy = object : PermissionPolicy {
    override fun allows(permission: String): Boolean =
      values["permissions_allow_$permission"]?.trim()?.lowercase() in setOf("true", "1", "yes")
  }

  companion object {
    const val ASSET = "socket/config.json"

    fun parse(text: String): AppConfig {
      val root = Json.parse(text) as? Json.Obj ?: throw IpcError.typeError("$ASSET is not a JSON object")
      return AppConfig(root.members.mapValues { (key, value) ->
        (value as? Json.Str)?.value ?: throw IpcError.typeError("$ASSET: '$key' is not a string")
      })
    }

    fun of(assets: android.content.res.AssetManager): AppConfig =
      try { assets.open(ASSET).use { parse(String(it.readBytes(), Charsets.UTF_8)) } } catch (e: java.io.IOException) { AppConfig(emptyMap()) }
  }
}
