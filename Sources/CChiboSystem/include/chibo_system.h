#ifndef CHIBO_SYSTEM_H
#define CHIBO_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (EINVAL/ENOSYS where unsupported).
int chibo_exchange_paths(const char *a, const char *b);

/// Turns the terminal's echo off on standard input (keeping the line end's), so that a password
/// is not shown; SIGINT, SIGTERM and SIGHUP restore it before they end the process. 0 on success,
/// -1 when standard input is not a terminal or cannot be set.
int chibo_echo_off(void);

/// Restores the terminal as chibo_echo_off found it, and the signals' previous actions.
void chibo_echo_restore(void);

/// Keeps `path` (a private folder of chibo's) and installs handlers of SIGSEGV, SIGBUS, SIGILL,
/// SIGTRAP, SIGFPE and SIGABRT that remove it (`/bin/rm -rf -- path` in a forked child, which is
/// what a signal handler may safely do) and then end the process with the same signal. 0 on
/// success, -1 when the path is too long to keep.
int chibo_remove_on_crash(const char *path);

/// The process whose id a crash kills (SIGKILL) before it removes the folder: the preview's build in
/// progress, which would otherwise write on into the removed folder. 0 for none.
void chibo_set_crash_child(int pid);

/// Has the kernel end this process (SIGKILL) when its parent ends (prctl PR_SET_PDEATHSIG); -1
/// when the parent has already gone, which the caller checks against the parent it knew.
int chibo_die_with_parent(void);

/// accept4 with SOCK_CLOEXEC: the connection is never inherited by a child started meanwhile.
int chibo_accept_cloexec(int listening);

/// Gives the memory the allocator holds free back to the system (glibc malloc_trim(0), which also
/// releases free pages inside the heap, not only at its top).
void chibo_return_free_memory(void);

#endif
