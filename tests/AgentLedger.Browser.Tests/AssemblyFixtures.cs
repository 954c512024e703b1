[assembly: AssemblyFixture(typeof(AgentLedger.Browser.Tests.DashboardServer))]
