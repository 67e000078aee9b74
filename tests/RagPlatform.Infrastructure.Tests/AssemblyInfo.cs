[assembly: Xunit.CaptureConsole]
[assembly: AssemblyFixture(typeof(RagPlatform.TestServers.Postgres.PostgresServer))]
