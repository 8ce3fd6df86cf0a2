using System.Diagnostics;
using Bunit;
using Microsoft.AspNetCore.Http;
using Portal.Components.Pages;

namespace Portal.Tests.Components.Shell;

public sealed class ErrorPageTests : ComponentTestContext
{
    [Fact]
    public void The_error_page_shows_the_request_id_that_the_log_and_the_Request_Id_header_carry()
    {
        // While the page renders, the response has not started: the Request-Id header is not set yet, and an
        // Activity (ASP.NET Core's own, with an id no log line of ours carries) is current.
        using var activity = new Activity("request").Start();
        var http = new DefaultHttpContext { TraceIdentifier = "req_ThisIsTheLoggedId0001" };

        var page = Context.Render<Error>(p => p.AddCascadingValue(http));

        Assert.Equal("req_ThisIsTheLoggedId0001", page.Find("code").TextContent);
    }
}
