#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "chibo_system.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int chibo_exchange_paths(const char *a, const char *b) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}


#include <signal.h>
#include <string.h>
#include <termios.h>

/* The terminal's settings before chibo_echo_off, restored by chibo_echo_restore or by a signal that
   ends the process while the echo is off (Ctrl-C at a password prompt). */
static struct termios chibo_saved_terminal;
static volatile sig_atomic_t chibo_echo_is_off = 0;
static struct sigaction chibo_previous[3];
static const int chibo_signals[3] = {SIGINT, SIGTERM, SIGHUP};

static void chibo_restore_and_raise(int signal_number) {
    if (chibo_echo_is_off) {
        tcsetattr(STDIN_FILENO, TCSANOW, &chibo_saved_terminal);
        chibo_echo_is_off = 0;
    }
    for (int i = 0; i < 3; i++) {
        if (chibo_signals[i] == signal_number) sigaction(signal_number, &chibo_previous[i], NULL);
    }
    raise(signal_number);
}

int chibo_echo_off(void) {
    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &chibo_saved_terminal) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = chibo_restore_and_raise;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 3; i++) sigaction(chibo_signals[i], &action, &chibo_previous[i]);
    struct termios quiet = chibo_saved_terminal;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    quiet.c_lflag |= ECHONL;
    chibo_echo_is_off = 1;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &quiet) != 0) {
        chibo_echo_restore();
        return -1;
    }
    return 0;
}

void chibo_echo_restore(void) {
    if (chibo_echo_is_off) {
        tcsetattr(STDIN_FILENO, TCSANOW, &chibo_saved_terminal);
        chibo_echo_is_off = 0;
    }
    for (int i = 0; i < 3; i++) sigaction(chibo_signals[i], &chibo_previous[i], NULL);
}

#include <limits.h>
#include <sys/wait.h>

/* The folder a crash removes, and the argument list of rm, made before any crash. */
static char chibo_crash_folder[PATH_MAX];
static char *chibo_crash_arguments[5];
static const int chibo_crash_signals[6] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};

static volatile sig_atomic_t chibo_crash_child = 0;

void chibo_set_crash_child(int pid) { chibo_crash_child = pid; }

static void chibo_remove_and_raise(int signal_number) {
    if (chibo_crash_child > 0) {
        kill(chibo_crash_child, SIGKILL);
        int ended;
        while (waitpid(chibo_crash_child, &ended, 0) < 0 && errno == EINTR) {
        }
    }
    pid_t child = fork();
    if (child == 0) {
        char *environment[] = {NULL};
        execve("/bin/rm", chibo_crash_arguments, environment);
        _exit(127);
    }
    if (child > 0) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
        }
    }
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

int chibo_remove_on_crash(const char *path) {
    if (strlen(path) >= sizeof chibo_crash_folder) return -1;
    strcpy(chibo_crash_folder, path);
    chibo_crash_arguments[0] = "rm";
    chibo_crash_arguments[1] = "-rf";
    chibo_crash_arguments[2] = "--";
    chibo_crash_arguments[3] = chibo_crash_folder;
    chibo_crash_arguments[4] = NULL;
    // A stack of its own for the handler: a crash by stack overflow has no stack left to run it on.
    static char alternate[64 * 1024];
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate;
    stack.ss_size = sizeof alternate;
    sigaltstack(&stack, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = chibo_remove_and_raise;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    for (int i = 0; i < 6; i++) sigaction(chibo_crash_signals[i], &action, NULL);
    return 0;
}

#include <sys/prctl.h>
#include <sys/socket.h>

int chibo_die_with_parent(void) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return -1;
    return 0;
}

int chibo_accept_cloexec(int listening) { return accept4(listening, NULL, NULL, SOCK_CLOEXEC); }

#include <malloc.h>

void chibo_return_free_memory(void) {
    malloc_trim(0);
}
