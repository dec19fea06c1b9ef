# Shared by the bench scripts (source it): reading what `LoadClient start` printed, and stopping a server.

# `LoadClient start` prints "pid=<pid> start_ms=<ms>" for the server it launched and timed, and " cpu_ms=<ms>" (the
# CPU the server used until its first answer) where Linux's /proc tells it.
started_pid() { local p="${1#pid=}"; echo "${p%% *}"; }
started_ms() { local t="${1##*start_ms=}"; echo "${t%% *}"; }
started_cpu() { case "$1" in *cpu_ms=*) local t="${1##*cpu_ms=}"; echo "${t%% *}" ;; *) echo "-" ;; esac; }

# Stops a process and waits (at most 10 s) until it is gone; it need not be a child of this shell.
stop_process() { kill "$1" 2>/dev/null || true; timeout 10 tail --pid="$1" -f /dev/null || true; }

# Sets the array `flags` to the launcher's JVM flags: its first flags=(…) line, the one it starts from before leaving
# out what a JDK or host cannot take. A baseline started with these runs as users run Callgate.
read_launcher_flags() { # repo
  eval "$(grep -m1 '^flags=(' "$1/callgate")"
  if [ "${#flags[@]}" -eq 0 ]; then
    echo "no flags=(…) line in $1/callgate" >&2
    exit 1
  fi
}
