# Prints the main thread's backtrace and, through JavaScriptCore's exported VMInspector, the JavaScript stack of
# the VM whose topCallFrame (VM + 0x28 in WebKitGTK 2.50) lies on that thread's stack. Output of the inferior's
# dataLog goes to a temporary file (stderr redirected for the call) and is printed here.
set pagination off
set unwindonsignal on
thread 1
bt 14
python
import gdb, os, re
def redirect(path, expr):
    saved = int(gdb.parse_and_eval("(int)dup(2)"))
    fd = int(gdb.parse_and_eval('(int)open("%s", 577, 420)' % path))
    gdb.parse_and_eval("(int)dup2(%d, 2)" % fd)
    try:
        gdb.parse_and_eval(expr)
    finally:
        gdb.parse_and_eval("(int)dup2(%d, 2)" % saved)
        gdb.parse_and_eval("(int)close(%d)" % fd)
        gdb.parse_and_eval("(int)close(%d)" % saved)
    return open(path).read()
import tempfile
tag = os.path.join(tempfile.gettempdir(), "js-stack-%d" % gdb.selected_inferior().pid)
vms = re.findall(r"VM (0x[0-9a-f]+)", redirect(tag + "-vms.txt", "((void(*)(void))'JSC::VMInspector::dumpVMs()')()"))
rsp = int(gdb.parse_and_eval("$rsp"))
print("VMs:", vms, "rsp=%x" % rsp)
for vm in vms:
    top = int(gdb.parse_and_eval("*(unsigned long*)(%s + 0x28)" % vm))
    print("vm %s topCallFrame %x" % (vm, top))
    if rsp <= top < rsp + 8 * 1024 * 1024:
        print(redirect(tag + "-stack.txt", "((void(*)(void*,void*,unsigned))'JSC::VMInspector::dumpStack(JSC::VM*, JSC::CallFrame*, unsigned int)')((void*)%s,(void*)%d,0)" % (vm, top)))
end
