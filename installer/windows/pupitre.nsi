; Pupitre's per-user installer: no administrator rights, installs in
; %LOCALAPPDATA%\Programs\Pupitre for the teacher who runs it. Built with makensis (Debian's
; nsis, 64-bit stubs) by build-installers.sh, which defines VERSION, STAGE_DIR (the staged
; programs), ICON_FILE and OUT_FILE.
;
; Silent install with the MSI's options as switches (docs/deploy.md, "Windows"):
;   Pupitre-X.Y.Z-setup.exe /S /SERVERURL=https://... /LOCKSERVERURL=1 /SYNCEVERYMINUTES=30
;                               /AUTOSTART=0
; The values go to HKCU\Software\Pupitre\Policy (a standard user cannot write
; HKCU\Software\Policies, which only Group Policy and administrators write); a switch left out
; keeps the value an earlier install wrote. Uninstall: "%LOCALAPPDATA%\Programs\Pupitre\
; uninstall.exe" /S. The teacher's data (%LOCALAPPDATA%\Pupitre) are never touched.
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION | STAGE_DIR | ICON_FILE | OUT_FILE
!error "build-installers.sh defines VERSION, STAGE_DIR, ICON_FILE and OUT_FILE"
!endif

!include FileFunc.nsh
!include LogicLib.nsh

!define ARP_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Pupitre"
!define POLICY_KEY "Software\Pupitre\Policy"
!define SETUP_KEY "Software\Pupitre\Setup"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"

Name "Pupitre ${VERSION}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\Pupitre"
InstallDirRegKey HKCU "${SETUP_KEY}" "InstallFolder"
Icon "${ICON_FILE}"
UninstallIcon "${ICON_FILE}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Pupitre"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Pupitre ${VERSION} setup (per-user)"
VIAddVersionKey "CompanyName" "Pupitre"
VIAddVersionKey "LegalCopyright" "Pupitre's authors"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Var ServerUrl
Var LockServerUrl
Var SyncEveryMinutes
Var Autostart

; The value of the switch NAME (pushed as "/NAME=") in the command line (pushed first), "" when
; absent. FileFunc's GetOptions cannot be used: it cuts a value at its next "/", as in
; https://. A value ends at the next space, or is quoted: /SERVERURL="..." or "/SERVERURL=..."
; (the quoted forms were not tried on Windows: Wine's cmd and wine escape the quotes).
Function SwitchValue
  Exch $1 ; "/NAME="
  Exch
  Exch $0 ; the command line
  Push $2
  Push $3
  Push $4
  Push $5
  Push $6
  StrCpy $5 ""
  StrLen $3 $1
  StrCpy $2 0
  ${Do}
    StrCpy $4 $0 $3 $2 ; StrCmp (==) ignores case: /serverurl= works too
    ${If} $4 == ""
      ${Break}
    ${EndIf}
    StrCpy $6 " " ; what precedes the match: the start counts as a space
    ${If} $2 > 0
      IntOp $6 $2 - 1
      StrCpy $6 $0 1 $6
    ${EndIf}
    ${If} $4 != $1
      StrCpy $6 "" ; no match here
    ${ElseIf} $6 != " "
    ${AndIf} $6 != '"'
      StrCpy $6 "" ; "/NAME=" inside another word
    ${EndIf}
    ${If} $6 != ""
      IntOp $2 $2 + $3
      StrCpy $4 $0 "" $2 ; what follows "/NAME="
      ${If} $6 != '"'
        StrCpy $6 $4 1
        ${If} $6 == '"'
          StrCpy $4 $4 "" 1
        ${Else}
          StrCpy $6 " "
        ${EndIf}
      ${EndIf}
      StrCpy $2 0 ; the value ends at $6 (a space or a quote) or at the end
      ${Do}
        StrCpy $3 $4 1 $2
        ${If} $3 == ""
        ${OrIf} $3 == $6
          ${Break}
        ${EndIf}
        IntOp $2 $2 + 1
      ${Loop}
      StrCpy $5 $4 $2
      ${Break}
    ${EndIf}
    IntOp $2 $2 + 1
  ${Loop}
  StrCpy $0 $5
  Pop $6
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Exch $0
FunctionEnd

!macro GetSwitch NAME RESULT
  Push $R0
  Push "/${NAME}="
  Call SwitchValue
  Pop ${RESULT}
!macroend

Function .onInit
  SetShellVarContext current
  ${GetParameters} $R0
  !insertmacro GetSwitch SERVERURL $ServerUrl
  !insertmacro GetSwitch LOCKSERVERURL $LockServerUrl
  !insertmacro GetSwitch SYNCEVERYMINUTES $SyncEveryMinutes
  !insertmacro GetSwitch AUTOSTART $Autostart
  ${If} $Autostart == ""
    ; An upgrade keeps the earlier choice; a first install starts at login.
    ReadRegStr $Autostart HKCU "${SETUP_KEY}" "Autostart"
    ${If} $Autostart == ""
      StrCpy $Autostart "1"
    ${EndIf}
  ${EndIf}
FunctionEnd

Section "Pupitre"
  SetShellVarContext current
  ; An upgrade: this teacher's running daemon and tray icon hold their .exe open. They start
  ; again at the next login, or when the app opens.
  nsExec::Exec 'taskkill /F /IM pupitred.exe /IM pupitre.exe'
  Pop $0
  SetOutPath "$INSTDIR"
  File /r "${STAGE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Pupitre.lnk" "$INSTDIR\pupitre.exe" "" "$INSTDIR\pupitre.ico" 0 \
    SW_SHOWNORMAL "" "The teacher's gradebook"

  WriteRegStr HKCU "${SETUP_KEY}" "InstallFolder" "$INSTDIR"
  WriteRegStr HKCU "${SETUP_KEY}" "Autostart" "$Autostart"
  ; The school's presets, only those given (a switch left out keeps the earlier value).
  ${If} $ServerUrl != ""
    WriteRegStr HKCU "${POLICY_KEY}" "server_url" "$ServerUrl"
  ${EndIf}
  ${If} $LockServerUrl != ""
    WriteRegStr HKCU "${POLICY_KEY}" "lock_server_url" "$LockServerUrl"
  ${EndIf}
  ${If} $SyncEveryMinutes != ""
    WriteRegStr HKCU "${POLICY_KEY}" "sync_every_minutes" "$SyncEveryMinutes"
  ${EndIf}
  ; At this teacher's login: the sync daemon and the tray icon.
  ${If} $Autostart == "1"
    WriteRegStr HKCU "${RUN_KEY}" "Pupitre sync" '"$INSTDIR\pupitred.exe"'
    WriteRegStr HKCU "${RUN_KEY}" "Pupitre tray" '"$INSTDIR\pupitre.exe" --tray'
  ${Else}
    DeleteRegValue HKCU "${RUN_KEY}" "Pupitre sync"
    DeleteRegValue HKCU "${RUN_KEY}" "Pupitre tray"
  ${EndIf}

  ; Add/Remove Programs (this user's).
  WriteRegStr HKCU "${ARP_KEY}" "DisplayName" "Pupitre"
  WriteRegStr HKCU "${ARP_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${ARP_KEY}" "Publisher" "Pupitre"
  WriteRegStr HKCU "${ARP_KEY}" "DisplayIcon" "$INSTDIR\pupitre.ico"
  WriteRegStr HKCU "${ARP_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${ARP_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${ARP_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${ARP_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${ARP_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${ARP_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; Stop this teacher's daemon and tray icon, or Windows keeps their files.
  nsExec::Exec 'taskkill /F /IM pupitred.exe /IM pupitre.exe'
  Pop $0
  ; What the installer put there, and nothing else (the folder goes only if it is empty).
  Delete "$INSTDIR\pupitre.exe"
  Delete "$INSTDIR\pupitred.exe"
  Delete "$INSTDIR\pupitrectl.exe"
  Delete "$INSTDIR\pupitre-server.exe"
  Delete "$INSTDIR\*.dll"
  Delete "$INSTDIR\pupitre.ico"
  RMDir /r "$INSTDIR\locale"
  RMDir /r "$INSTDIR\web"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Pupitre.lnk"

  DeleteRegValue HKCU "${RUN_KEY}" "Pupitre sync"
  DeleteRegValue HKCU "${RUN_KEY}" "Pupitre tray"
  DeleteRegKey HKCU "${POLICY_KEY}"
  DeleteRegKey HKCU "${SETUP_KEY}"
  DeleteRegKey /ifempty HKCU "Software\Pupitre"
  DeleteRegKey HKCU "${ARP_KEY}"
SectionEnd
