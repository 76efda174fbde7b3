# Helpers shared by the RcGate Pester 5 tests. Dot-source this file inside BeforeAll.

$RcTestServer = 'https://rc.test'
$RcTestToken = 'rcg_test_7f3a9c1e-do-not-print'

function Import-RcTestModule {
    $manifest = Join-Path -Path (Split-Path -Path $PSScriptRoot -Parent) -ChildPath 'RcGate.psd1'
    Import-Module -Name $manifest -Force -ErrorAction Stop
}

function Connect-RcTestServer {
    # Answers GET /me and connects the module, as a user would.
    param(
        [int] $MaximumRetryCount = 3
    )
    Mock -ModuleName RcGate -CommandName Invoke-RestMethod -ParameterFilter { $Uri.AbsolutePath -eq '/api/v1/me' } -MockWith {
        [pscustomobject]@{ name = 'CONTOSO\alice'; displayName = 'Alice'; role = 'fullAdministrator' }
    }
    $null = Connect-RcServer -Uri $RcTestServer -Token $RcTestToken -MaximumRetryCount $MaximumRetryCount
}

function New-RcTestHttpError {
    # Builds the error Invoke-RestMethod throws for an HTTP error status: on PowerShell 7 a real
    # HttpResponseException; on Windows PowerShell 5.1 (where an HttpWebResponse cannot be built) an
    # exception with the same shape: a Response with StatusCode and Headers. The problem+json body
    # goes into ErrorDetails.Message, as both editions do.
    param(
        [Parameter(Mandatory)]
        [int] $StatusCode,

        [hashtable] $Problem,

        [hashtable] $Headers = @{}
    )

    $message = 'Response status code does not indicate success: {0}.' -f $StatusCode
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $response = [System.Net.Http.HttpResponseMessage]::new([System.Enum]::ToObject([System.Net.HttpStatusCode], $StatusCode))
        foreach ($name in $Headers.Keys) {
            $null = $response.Headers.TryAddWithoutValidation($name, [string]$Headers[$name])
        }
        $exception = [Microsoft.PowerShell.Commands.HttpResponseException]::new($message, $response)
    }
    else {
        if (-not ('RcGateTests.FakeHttpException' -as [type])) {
            Add-Type -TypeDefinition @'
namespace RcGateTests
{
    public class FakeHttpException : System.Exception
    {
        private readonly object response;
        public FakeHttpException(string message, object response) : base(message) { this.response = response; }
        public object Response { get { return this.response; } }
    }
}
'@
        }
        $response = [pscustomobject]@{ StatusCode = $StatusCode; Headers = $Headers }
        $exception = New-Object -TypeName 'RcGateTests.FakeHttpException' -ArgumentList $message, $response
    }

    $record = [System.Management.Automation.ErrorRecord]::new(
        $exception, 'WebCmdletWebResponseException', [System.Management.Automation.ErrorCategory]::InvalidOperation, $null)
    if ($Problem) {
        $record.ErrorDetails = [System.Management.Automation.ErrorDetails]::new(($Problem | ConvertTo-Json -Depth 5 -Compress))
    }
    $record
}

function Invoke-RcTestCommand {
    # Runs a command and sorts what it wrote: output, error records and warnings. Errors are read
    # from the error stream (2>&1), not with -ErrorVariable, which also collects the exceptions
    # that nested commands threw and the cmdlet caught.
    param(
        [Parameter(Mandatory)]
        [scriptblock] $Command
    )
    $all = @(& $Command 2>&1 3>&1)
    [pscustomobject]@{
        Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
        Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
    }
}

function ConvertFrom-RcTestBody {
    # The module sends bodies as UTF-8 bytes; turn them back into objects for assertions.
    param(
        [AllowNull()]
        [object] $Body
    )
    if ($null -eq $Body) { return $null }
    if ($Body -is [byte[]]) { $Body = [System.Text.Encoding]::UTF8.GetString($Body) }
    ConvertFrom-Json -InputObject $Body
}

function Get-RcTestQuery {
    # The decoded query string of a request URI, for -like assertions.
    param(
        [Parameter(Mandatory)]
        [uri] $Uri
    )
    [uri]::UnescapeDataString($Uri.Query)
}

function New-RcTestDevice {
    param(
        [Parameter(Mandatory)]
        [string] $Id,

        [string] $Name = ('PC-' + $Id)
    )
    [pscustomobject]@{
        id       = $Id
        name     = $Name
        siteCode = 'PS1'
        joinType = 'workgroup'
        online   = $true
        etag     = 'etag-' + $Id
    }
}
