" Vim compiler file for connlint, the ThingWorx Flow connection.json linter.
"
" Put this directory (editors/vim) on 'runtimepath', or copy the file to
" ~/.vim/compiler/, then:  :compiler connlint  and  :make %  (or a
" directory: :make connectors/).  Findings go to the quickfix list with
" their type: e (error), w (warning), n (note).  A note line that points
" at a related place (the first of two repeated keys) is an entry too.

if exists("current_compiler")
  finish
endif
let current_compiler = "connlint"

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=connlint\ --format=gcc
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,
      \%f:%l:%c:\ %tarning:\ %m,
      \%f:%l:%c:\ %tote:\ %m,
      \%-G%.%#

let &cpo = s:cpo_save
unlet s:cpo_save
