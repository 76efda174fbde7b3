function ConvertFrom-RcRetryAfter {
    <#
    .SYNOPSIS
    Turns a Retry-After header value into whole seconds.

    .DESCRIPTION
    Accepts delay-seconds ('5') and HTTP dates ('Wed, 25 Nov 2026 10:00:00 GMT'). Returns
    $null for a missing or unreadable value, and never a negative number.

    .PARAMETER Value
    The header value.

    .EXAMPLE
    ConvertFrom-RcRetryAfter -Value '5'
    #>
    [CmdletBinding()]
    param(
        [AllowNull()]
        [AllowEmptyString()]
        [string] $Value
    )

    if ([string]::IsNullOrWhiteSpace($Value)) { return $null }
    $seconds = 0
    if ([int]::TryParse($Value.Trim(), [ref] $seconds)) {
        return [Math]::Max(0, $seconds)
    }
    $date = [datetime]::MinValue
    $styles = [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal
    if ([datetime]::TryParse($Value, [System.Globalization.CultureInfo]::InvariantCulture, $styles, [ref] $date)) {
        return [int][Math]::Max(0, [Math]::Ceiling(($date - [datetime]::UtcNow).TotalSeconds))
    }
    $null
}
