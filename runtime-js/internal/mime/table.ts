// The MIME database's data: for each top-level type (one socket:mime Database each, as the original splits
// its JSON tables), file extension -> full media type, from the IANA registry and common practice. The
// host's table for serving files (native/linux/mime.cc) is separate and differs where serving needs it to
// (it serves .ts and .cjs as JavaScript so module scripts load; here they are text/typescript, application/node).
export const mimeTables: Record<string, Record<string, string>> = {
  application: {
    '7z': 'application/x-7z-compressed', abw: 'application/x-abiword', arc: 'application/x-freearc',
    azw: 'application/vnd.amazon.ebook', bin: 'application/octet-stream', bz: 'application/x-bzip',
    bz2: 'application/x-bzip2', cda: 'application/x-cdf', cjs: 'application/node', csh: 'application/x-csh',
    doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    eot: 'application/vnd.ms-fontobject', epub: 'application/epub+zip', gz: 'application/gzip',
    jar: 'application/java-archive', json: 'application/json', jsonld: 'application/ld+json',
    map: 'application/json', mpkg: 'application/vnd.apple.installer+xml', odp: 'application/vnd.oasis.opendocument.presentation',
    ods: 'application/vnd.oasis.opendocument.spreadsheet', odt: 'application/vnd.oasis.opendocument.text',
    ogx: 'application/ogg', pdf: 'application/pdf', php: 'application/x-httpd-php',
    ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    rar: 'application/vnd.rar', rtf: 'application/rtf', sh: 'application/x-sh', tar: 'application/x-tar',
    vsd: 'application/vnd.visio', wasm: 'application/wasm', webmanifest: 'application/manifest+json',
    xhtml: 'application/xhtml+xml', xls: 'application/vnd.ms-excel',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xml: 'application/xml',
    xul: 'application/vnd.mozilla.xul+xml', zip: 'application/zip', wgt: 'application/widget',
    yaml: 'application/yaml', yml: 'application/yaml', toml: 'application/toml', deb: 'application/vnd.debian.binary-package',
    rpm: 'application/x-rpm', iso: 'application/x-iso9660-image', dmg: 'application/x-apple-diskimage',
    exe: 'application/x-msdownload', msi: 'application/x-msdownload', apk: 'application/vnd.android.package-archive',
    xz: 'application/x-xz', zst: 'application/zstd', sql: 'application/sql', wat: 'application/wasm-text'
  },
  audio: {
    aac: 'audio/aac', flac: 'audio/flac', m4a: 'audio/mp4', mid: 'audio/midi', midi: 'audio/midi', mp3: 'audio/mpeg',
    oga: 'audio/ogg', ogg: 'audio/ogg', opus: 'audio/opus', wav: 'audio/wav', weba: 'audio/webm', '3gpp': 'audio/3gpp',
    aif: 'audio/aiff', aiff: 'audio/aiff'
  },
  chemical: {
    cif: 'chemical/x-cif', cml: 'chemical/x-cml', mol: 'chemical/x-mdl-molfile', pdb: 'chemical/x-pdb', xyz: 'chemical/x-xyz'
  },
  font: {
    otf: 'font/otf', ttf: 'font/ttf', woff: 'font/woff', woff2: 'font/woff2', collection: 'font/collection', ttc: 'font/collection'
  },
  image: {
    apng: 'image/apng', avif: 'image/avif', bmp: 'image/bmp', gif: 'image/gif', heic: 'image/heic', heif: 'image/heif',
    ico: 'image/vnd.microsoft.icon', jpeg: 'image/jpeg', jpg: 'image/jpeg', jxl: 'image/jxl', png: 'image/png',
    svg: 'image/svg+xml', svgz: 'image/svg+xml', tif: 'image/tiff', tiff: 'image/tiff', webp: 'image/webp',
    psd: 'image/vnd.adobe.photoshop', jp2: 'image/jp2'
  },
  model: {
    gltf: 'model/gltf+json', glb: 'model/gltf-binary', obj: 'model/obj', stl: 'model/stl', '3mf': 'model/3mf',
    usdz: 'model/vnd.usdz+zip', vrml: 'model/vrml', wrl: 'model/vrml', x3d: 'model/x3d+xml', mtl: 'model/mtl'
  },
  multipart: {
    mht: 'multipart/related', mhtml: 'multipart/related'
  },
  text: {
    css: 'text/css', csv: 'text/csv', htm: 'text/html', html: 'text/html', ics: 'text/calendar', js: 'text/javascript',
    mjs: 'text/javascript', md: 'text/markdown', markdown: 'text/markdown', txt: 'text/plain', text: 'text/plain',
    log: 'text/plain', ini: 'text/plain', conf: 'text/plain', tsv: 'text/tab-separated-values', vtt: 'text/vtt',
    jsx: 'text/jsx', ts: 'text/typescript', tsx: 'text/tsx', rtx: 'text/richtext', sgml: 'text/sgml', vcf: 'text/vcard',
    c: 'text/x-c', h: 'text/x-c', cc: 'text/x-c', cpp: 'text/x-c', py: 'text/x-python', java: 'text/x-java-source',
    rs: 'text/rust', go: 'text/x-go'
  },
  video: {
    '3gp': 'video/3gpp', '3g2': 'video/3gpp2', avi: 'video/x-msvideo', m4v: 'video/mp4', mkv: 'video/x-matroska',
    mov: 'video/quicktime', mp4: 'video/mp4', mpeg: 'video/mpeg', mpg: 'video/mpeg', ogv: 'video/ogg', ts: 'video/mp2t',
    webm: 'video/webm', wmv: 'video/x-ms-wmv', flv: 'video/x-flv'
  }
}
