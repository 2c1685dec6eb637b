-- Rule: Run shell untrusted
-- Source: falco_rules.yaml (stable)
-- Priority: NOTICE
-- Tags: host, container, process, shell, mitre_execution, T1059.004
-- Purpose: A shell was started below a server process (web, database, NoSQL, mail and other daemons that should never spawn one): the usual sign of remote code execution.
WITH protected_shell_spawning_binaries(name) AS (VALUES
    ('nginx'), ('httpd'), ('httpd-foregroun'), ('lighttpd'), ('apache'), ('apache2'), ('mysqld'), ('postgres'),
    ('sqlplus'), ('couchdb'), ('memcached'), ('redis-server'), ('rabbitmq-server'), ('mongod'), ('sendmail'),
    ('sendmail-msp'), ('postfix'), ('procmail'), ('exim4'), ('pickup'), ('showq'), ('mailq'), ('dovecot'),
    ('imap-login'), ('imap'), ('mailmng-core'), ('pop3-login'), ('dovecot-lda'), ('pop3'), ('fluentd'), ('flanneld'),
    ('splunkd'), ('consul'), ('smbd'), ('runsv'), ('PM2')),
known_shell_spawn_cmdlines(name) AS (VALUES
    ('sh -c uname -p 2> /dev/null'), ('sh -c uname -s 2>&1'), ('sh -c uname -r 2>&1'), ('sh -c uname -v 2>&1'),
    ('sh -c uname -a 2>&1'), ('sh -c ruby -v 2>&1'), ('sh -c getconf CLK_TCK'), ('sh -c getconf PAGESIZE'),
    ('sh -c LC_ALL=C LANG=C /sbin/ldconfig -p 2>/dev/null'), ('sh -c LANG=C /sbin/ldconfig -p 2>/dev/null'),
    ('sh -c /sbin/ldconfig -p 2>/dev/null'), ('sh -c stty -a 2>/dev/null'), ('sh -c stty -a < /dev/tty'),
    ('sh -c stty -g < /dev/tty'), ('sh -c node index.js'), ('sh -c node index'), ('sh -c node ./src/start.js'),
    ('sh -c node app.js'), ('sh -c node -e "require(''nan'')"'), ('sh -c node -e "require(''nan'')")'),
    ('sh -c node $NODE_DEBUG_OPTION index.js '), ('sh -c crontab -l 2'), ('sh -c lsb_release -a'),
    ('sh -c lsb_release -is 2>/dev/null'), ('sh -c whoami'), ('sh -c node_modules/.bin/bower-installer'),
    ('sh -c /bin/hostname -f 2> /dev/null'), ('sh -c locale -a'), ('sh -c  -t -i'), ('sh -c openssl version'),
    ('bash -c id -Gn kafadmin'), ('sh -c /bin/sh -c ''date +%%s'''),
    ('sh -c /usr/share/lighttpd/create-mime.conf.pl'))
SELECT 'Run shell untrusted' AS rule,
       'NOTICE' AS priority, 'container,process,shell,mitre_execution,T1059.004' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash')
  AND parent_name IS NOT NULL
  AND EXISTS (SELECT 1 FROM protected_shell_spawning_binaries l WHERE instr(' ' || ancestors || ' ', ' ' || l.name || ' ') > 0)
  AND parent_name NOT IN ('ash', 'bash', 'csh', 'ksh', 'sh', 'tcsh', 'zsh', 'dash',
                          'gitlab-shell', 'gitlab-mon', 'gitlab-runner-b', 'git', 'cron', 'crond', 'anacron', 'PM2',
                          'PassengerWatchd', 'c_rehash', 'svlogd', 'logrotate', 'hhvm', 'serf', 'runsv', 'erlexec')
  AND cmdline NOT IN (SELECT name FROM known_shell_spawn_cmdlines);
