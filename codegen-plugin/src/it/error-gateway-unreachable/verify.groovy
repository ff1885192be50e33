def log = new File(basedir, 'build.log').text
assert log.contains('turnpike-codegen: API "pets": gateway http://127.0.0.1:1 unreachable')
assert log.contains('no document of an earlier build is cached')
assert !log.contains('it-key-never-printed')
