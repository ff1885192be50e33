def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/classes/com/example/clients/pets/api/DefaultApi.class').isFile()
assert new File(basedir, 'target/classes/com/example/clients/pets/TurnpikeGateway.class').isFile()
assert new File(basedir, 'target/classes/com/example/PetsApp.class').isFile()
assert log.contains('API "pets": converted from Swagger 2.0')
assert log.contains('API "pets": up to date (com.example.clients.pets)')
assert log.contains('turnpike-codegen: 0 of 1 API(s) generated, the others up to date')
