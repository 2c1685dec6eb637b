-- Rule: Modify Shell Configuration File
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: WARNING
-- Tags: host, container, filesystem, mitre_persistence, T1546.004
-- Purpose: A shell start-up file (.bashrc, .profile, /etc/profile, ...) was written by a program other than a shell: persistence on the next login.
SELECT 'Modify Shell Configuration File' AS rule,
       'WARNING' AS priority, 'container,filesystem,mitre_persistence,T1546.004' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE f.syscall IN ('open', 'openat', 'openat2') AND f.status = 'succeeded'
  -- Falco's open_write: an open for writing (O_WRONLY/O_RDWR, or one that created the file) of a regular file
  -- (O_DIRECTORY is octal 0200000); the creat() syscall is another event type in Falco and is not included.
  AND (f.operation = 'creat' OR (f.operation = 'open' AND substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')))
  AND coalesce(substr(f.flags, -6, 1), '0') NOT IN ('2', '3', '6', '7')
  AND (f.filename IN
          ('.bashrc', '.bash_profile', '.bash_history', '.bash_login', '.bash_logout', '.inputrc', '.profile', '.cshrc',
           '.login', '.logout', '.history', '.tcshrc', '.cshdirs', '.zshenv', '.zprofile', '.zshrc', '.zlogin', '.zlogout')
       OR f.path IN ('/etc/profile', '/etc/bashrc', '/etc/csh.cshrc', '/etc/csh.login')
       -- fd.directory = /etc/zsh: files directly in it.
       OR f.directory = '/etc/zsh')
  AND coalesce(f.name, '') NOT IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash')
  -- Falco's exe_running_docker_save.
  AND NOT (f.name = 'exe' AND (f.cmdline LIKE '%/var/lib/docker%' OR f.cmdline LIKE '%/var/run/docker%')
           AND f.parent_name IN ('dockerd', 'docker', 'dockerd-current', 'docker-current'));
