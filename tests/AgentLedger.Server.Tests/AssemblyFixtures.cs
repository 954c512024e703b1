[assembly: AssemblyFixture(typeof(AgentLedger.Testing.PostgreSqlServer))]
