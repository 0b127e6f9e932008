; Inno Setup 6 script (UTF-8 with a byte order mark, so that ISCC reads the Japanese text as such): the Windows
; installer of Madoguchi from the PyInstaller folder dist\Madoguchi\.
;
;     ISCC installer\madoguchi.iss          (after building dist\Madoguchi\ on Windows, see the README)
;
; The version is read from Madoguchi.exe's version resource, which the spec writes from pyproject.toml
; (ISCC /DAppVersion=… overrides it). The installer puts the program in Program Files for all users, runs the
; program's self-test and says so if it fails. Uninstalling removes the program only: each user's replica in
; %LOCALAPPDATA%\Madoguchi and the key in the Windows Credential Manager stay (registry data is never deleted by
; an uninstaller; an administrator removes them on purpose when a terminal is retired).

#define AppExe "Madoguchi.exe"
#define CliExe "MadoguchiCLI.exe"
#define DistDir AddBackslash(SourcePath) + "..\dist\Madoguchi"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(DistDir + "\" + AppExe)
#endif

[Setup]
AppId={{6F0C2B7E-5D1A-4F3B-9C8E-2A7D4E1B9F60}
AppName=窓口（Madoguchi）
AppVersion={#AppVersion}
AppVerName=窓口 住民記録システム {#AppVersion}
AppPublisher=Madoguchi
DefaultDirName={autopf}\Madoguchi
DefaultGroupName=窓口
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=Madoguchi-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
SetupLogging=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "デスクトップにショートカットを作る"; GroupDescription: "ショートカット:"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\窓口"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\窓口"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "窓口を起動する"; Flags: nowait postinstall skipifsilent

[Code]
{ The installed program checks itself (offscreen, in a temporary folder, with a throwaway key): a failure means
  something the program needs did not arrive or does not load on this PC. }
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    WizardForm.StatusLabel.Caption := '窓口の自己診断を実行しています…';
    if not Exec(ExpandConstant('{app}\{#CliExe}'), '--self-test', ExpandConstant('{app}'), SW_HIDE,
                ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
      SuppressibleMsgBox('窓口の自己診断に失敗しました（終了コード ' + IntToStr(ResultCode) + '）。' + #13#10 +
        'コマンドプロンプトで "' + ExpandConstant('{app}\{#CliExe}') + '" --self-test を実行すると、' +
        '失敗した項目と理由が表示されます。', mbError, MB_OK, IDOK);
  end;
end;
